/*
 * The module instance shared by the C API's entry points (see hubtrust_module.h).
 */
#include "hubtrust_module.h"

VM_INSTANCE hubtrust_module_vm;
static int g_state; /* 0 not instantiated, 1 ready, < 0 the error instantiation ended with */

int hubtrust_module_init(void) {
  if (g_state != 0) return g_state > 0 ? 0 : g_state;
  if (wasm_rt_impl_try() != 0) return g_state = -1;
  wasm_rt_init();
  VM_INIT_MODULE();
  VM_INSTANTIATE(&hubtrust_module_vm);
  if (VM_CALL(abiVersion, &hubtrust_module_vm) != HUBTRUST_MODULE_ABI_VERSION ||
      VM_CALL(abiHash, &hubtrust_module_vm) != VERIFY_ABI_HASH)
    return g_state = -2;
  g_state = 1;
  return 0;
}

void hubtrust_module_reset(void) {
  if (g_state <= 0) return;
  VM_FREE(&hubtrust_module_vm);
  g_state = 0;
}
