// Test helper process: takes a board lock in the given directory and holds it until killed.
import { BoardLocks } from '../lock.js';

const [, , , dir, board] = process.argv;
const locks = new BoardLocks({ dir: dir as string });
await locks.acquire(board as string);
console.log('held');
setInterval(() => {}, 1000);
