/*
 * The one module instance shared by the C API's entry points (hubtrust_verify.c: chains,
 * hubtrust_update.c: signed trust-bundle updates). Internal to the port kit: firmware includes
 * hubtrust_verify.h and/or hubtrust_update.h. The runtime has one static linear memory, so a
 * firmware using both APIs must have one instance, not one per API.
 *
 * Names of the wasm2c 1.0.32 output for a module translated with `wasm2c -n verify`; newer wasm2c
 * releases name exports w2c_verify_<export>: adapt the VM_* macros below.
 */
#ifndef HUBTRUST_MODULE_H_
#define HUBTRUST_MODULE_H_

#include <stdint.h>

#include "verify.h"
#include "verify_abi.generated.h"
#include "wasm-rt-static.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the hubtrust C API writes the module's little-endian memory directly: little-endian targets only"
#endif

#define VM_INSTANCE Z_verify_instance_t
#define VM_INIT_MODULE() Z_verify_init_module()
#define VM_INSTANTIATE(vm) Z_verify_instantiate(vm)
#define VM_FREE(vm) Z_verify_free(vm)
#define VM_MEMORY(vm) Z_verifyZ_memory(vm)
#define VM_CALL(name, ...) Z_verifyZ_##name(__VA_ARGS__)

/** ABI version the C API is written for (the module's abiVersion export; abi.json). */
#define HUBTRUST_MODULE_ABI_VERSION VERIFY_ABI_VERSION

/** The instance (valid after hubtrust_module_init returned 0). */
extern VM_INSTANCE hubtrust_module_vm;

/**
 * Instantiates the module once. Returns 0, -1 when instantiation trapped (also when the runtime's
 * buffer is smaller than the module's initial memory) or -2 when the module's ABI version is not
 * HUBTRUST_MODULE_ABI_VERSION or its ABI hash is not the generated header's VERIFY_ABI_HASH. A
 * failure is final.
 */
int hubtrust_module_init(void);

/**
 * After a trap inside a call: the module's static records may be half written, so the next call
 * starts from a fresh instance (instantiation initialises the static linear memory again).
 */
void hubtrust_module_reset(void);

#endif /* HUBTRUST_MODULE_H_ */
