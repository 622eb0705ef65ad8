// verify.wasm in wabt's interpreter, through its C++ library (libwabt, Debian package `wabt`).
//
//   host <verify.wasm> <cases.bin> [--repeat N] [--abi]
//
// Loads the module with no imports, instantiates it, and runs the case file through
// ../common/runner.h: inputs go into linear memory through the ioReserve protocol
// (assembly/io.ts) and the exports are called by name. Prints one result line per case. Every run
// first checks the module against include/verify_abi.generated.h (--abi prints that check's line
// and exits).
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "wabt/binary-reader.h"
#include "wabt/error-formatter.h"
#include "wabt/feature.h"
#include "wabt/interp/binary-reader-interp.h"
#include "wabt/interp/interp.h"

#include "../common/runner.h"

namespace interp = wabt::interp;

namespace {

struct Host {
  interp::Store store;
  interp::Memory::Ptr memory;
  std::map<std::string, interp::Func::Ptr> funcs;
};

hr_status call(void* ctx, const char* name, const uint32_t* args, uint32_t argc, uint32_t* ret) {
  Host& host = *static_cast<Host*>(ctx);
  auto it = host.funcs.find(name);
  if (it == host.funcs.end()) return HR_NOEXPORT;
  interp::Func::Ptr& func = it->second;
  const interp::FuncType& type = func->type();
  if (type.params.size() != argc || type.results.size() != 1) return HR_NOEXPORT;
  interp::Values params;
  for (uint32_t i = 0; i < argc; i++) {
    if (type.params[i] != wabt::Type::I32) return HR_NOEXPORT;
    params.push_back(interp::Value::Make(args[i]));
  }
  if (type.results[0] != wabt::Type::I32) return HR_NOEXPORT;
  interp::Values results;
  interp::Trap::Ptr trap;
  if (wabt::Failed(func->Call(host.store, params, results, &trap))) {
    if (trap) std::fprintf(stderr, "trap in %s: %s\n", name, trap->message().c_str());
    return HR_TRAP;
  }
  *ret = results[0].Get<uint32_t>();
  return HR_OK;
}

uint8_t* memory(void* ctx, uint64_t* size) {
  Host& host = *static_cast<Host*>(ctx);
  *size = host.memory->ByteSize();
  return host.memory->UnsafeData();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <verify.wasm> <cases.bin> [--repeat N]\n", argv[0]);
    return 2;
  }
  size_t wasm_len = 0, cases_len = 0;
  uint8_t* wasm = hr_read_file(argv[1], &wasm_len);
  uint8_t* cases = hr_read_file(argv[2], &cases_len);

  Host host;
  wabt::Errors errors;
  wabt::Features features;  // wabt's defaults: MVP + bulk memory, sign-ext, sat-conv, multi-value
  const bool kReadDebugNames = false, kStopOnFirstError = true, kFailOnCustomSectionError = true;
  wabt::ReadBinaryOptions options(features, nullptr, kReadDebugNames, kStopOnFirstError,
                                  kFailOnCustomSectionError);
  interp::ModuleDesc desc;
  if (wabt::Failed(interp::ReadBinaryInterp(argv[1], wasm, wasm_len, options, &errors, &desc))) {
    std::fprintf(stderr, "%s", wabt::FormatErrorsToString(errors, wabt::Location::Type::Binary).c_str());
    return 2;
  }
  interp::Module::Ptr module = interp::Module::New(host.store, desc);
  if (!module->import_types().empty()) {
    std::fprintf(stderr, "verify.wasm must have zero imports, it has %zu\n", module->import_types().size());
    return 2;
  }
  interp::Trap::Ptr trap;
  interp::Instance::Ptr instance = interp::Instance::Instantiate(host.store, module.ref(), {}, &trap);
  if (!instance) {
    std::fprintf(stderr, "instantiation failed: %s\n", trap ? trap->message().c_str() : "?");
    return 2;
  }
  const std::vector<interp::ExportType>& exports = module->export_types();
  for (size_t i = 0; i < exports.size(); i++) {
    interp::Ref ref = instance->exports()[i];
    if (host.store.Is<interp::Func>(ref)) {
      host.funcs[exports[i].name] = host.store.UnsafeGet<interp::Func>(ref);
    } else if (host.store.Is<interp::Memory>(ref) && exports[i].name == "memory") {
      host.memory = host.store.UnsafeGet<interp::Memory>(ref);
    }
  }
  if (!host.memory) {
    std::fprintf(stderr, "verify.wasm exports no memory\n");
    return 2;
  }
  hr_host h = {&host, call, memory};
  hr_check_abi(&h, hr_flag(argc, argv, "--abi"));
  if (hr_flag(argc, argv, "--abi")) return 0;
  hr_run_file(&h, cases, cases_len, stdout, hr_repeat_arg(argc, argv));
  std::free(wasm);
  std::free(cases);
  return 0;
}
