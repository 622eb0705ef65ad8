// `hubtrust completion <bash|zsh|fish|powershell>`: prints a shell completion script. The
// script calls back `hubtrust complete -- <words>`, which @bomb.sh/tab answers from the
// commander tree, so completion always matches the commands, options and choices that exist.
// Registered last: it reads the whole program.
import tab from '@bomb.sh/tab/commander';
import { type CommandModule, examples } from '../context.js';

export const completionCommand: CommandModule = {
  name: 'completion',
  register(program) {
    tab(program, { completionCommandName: 'completion' });
    const cmd = program.commands.find((c) => c.name() === 'completion');
    if (!cmd) throw new Error('@bomb.sh/tab did not add the completion command');
    cmd.summary('print a shell completion script (bash, zsh, fish, powershell)');
    examples(cmd, [
      ['source <(hubtrust completion bash)', 'bash, this shell (add the line to ~/.bashrc to keep it)'],
      ['hubtrust completion zsh > ~/.zfunc/_hubtrust', 'zsh, installed (with ~/.zfunc in $fpath)'],
      ['hubtrust completion fish > ~/.config/fish/completions/hubtrust.fish', 'fish, installed'],
    ]);
  },
};
