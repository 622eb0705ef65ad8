/*
 * hubtrust_update: the C API of the update verifier (see hubtrust_update.h).
 *
 * Writes the device state (a STATE record: hubtrust_update_state is its exact image) and the
 * update into the module's IO area, calls verifyUpdate (assembly/update/verify.ts) and reads the
 * OUTCOME record back (offsets from update-abi.json, in the generated block of the header). Every
 * verdict is the module's; this file only copies. The module call runs under wasm_rt_impl_try():
 * a trap is HUBTRUST_UPDATE_E_INTERNAL.
 */
#include <string.h>

#include "hubtrust_module.h"

#define HUBTRUST_UPDATE_IMPLEMENTATION
#include "hubtrust_update.h"

/* The IO area: STATE record | OUTCOME record | update bytes. */
#define AT_STATE 0u
#define AT_OUTCOME ((uint32_t)sizeof(hubtrust_update_state))
#define AT_UPDATE (AT_OUTCOME + OUTCOME_SIZE)

static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

const char *hubtrust_update_result_name(int code) {
  if (code >= 0 && code < HUBTRUST_UPDATE_RESULT_COUNT) return hubtrust_update_result_names[code];
  if (code == HUBTRUST_UPDATE_E_ARGUMENT) return "E_ARGUMENT";
  if (code == HUBTRUST_UPDATE_E_INTERNAL) return "E_INTERNAL";
  return "?";
}

/* The module calls of one verification, `len` <= MAX_UPDATE + 1 bytes of the update. A trap
   longjmps back into this frame, where nothing read afterwards changes after the setjmp. */
static int run_update(const uint8_t *update, uint32_t len, const hubtrust_update_state *state, int64_t now,
                      hubtrust_update_result *result) {
  const uint32_t refused = hubtrust_rt_refused_grows;
  /* A trap after the runtime refused to grow memory: the update does not fit this build's linear
     memory (the one-page chain build has ~20 KiB above its static data), a typed limit as in
     hubtrust_verify.c. Any other trap is a bug. */
  if (wasm_rt_impl_try() != 0) {
    hubtrust_module_reset(); /* a trap can leave the module's static records half written */
    return hubtrust_rt_refused_grows != refused ? HUBTRUST_UPDATE_TOO_LARGE : HUBTRUST_UPDATE_E_INTERNAL;
  }
  const uint32_t total = AT_UPDATE + len;
  const uint32_t io = VM_CALL(ioReserve, &hubtrust_module_vm, total);
  wasm_rt_memory_t *mem = VM_MEMORY(&hubtrust_module_vm);
  if (io == 0 || (uint64_t)io + total > mem->size) return HUBTRUST_UPDATE_E_INTERNAL;
  memcpy(mem->data + io + AT_STATE, state, sizeof *state);
  if (len) memcpy(mem->data + io + AT_UPDATE, update, len);
  const int code = (int)VM_CALL(verifyUpdate, &hubtrust_module_vm, io + AT_UPDATE, len, io + AT_STATE,
                                (uint64_t)now, io + AT_OUTCOME);
  if (code < 0 || code >= HUBTRUST_UPDATE_RESULT_COUNT) return HUBTRUST_UPDATE_E_INTERNAL;
  if (code != HUBTRUST_UPDATE_OK) return code;
  mem = VM_MEMORY(&hubtrust_module_vm);
  const uint8_t *out = mem->data + io + AT_OUTCOME;
  const uint32_t count = get32(out + OUTCOME_ROOT_COUNT);
  if (count > HUBTRUST_UPDATE_MAX_ROOTS) return HUBTRUST_UPDATE_E_INTERNAL;
  memcpy(&result->state, out + OUTCOME_STATE, sizeof result->state);
  result->sequence = get32(out + OUTCOME_SEQUENCE);
  result->root_count = count;
  /* Root positions are offsets into the update, each checked against its length. */
  for (uint32_t i = 0; i < count; i++) {
    const uint32_t at = get32(out + OUTCOME_ROOTS + 8 * i);
    const uint32_t n = get32(out + OUTCOME_ROOTS + 8 * i + 4);
    if ((uint64_t)at + n > len) return HUBTRUST_UPDATE_E_INTERNAL;
    result->roots[i].der = update + at;
    result->roots[i].len = n;
  }
  return HUBTRUST_UPDATE_OK;
}

int hubtrust_verify_update(const uint8_t *update, uint32_t len, const hubtrust_update_state *state, int64_t now,
                           hubtrust_update_result *result) {
  if ((!update && len) || !state || !result) return HUBTRUST_UPDATE_E_ARGUMENT;
  if (hubtrust_module_init() != 0) return HUBTRUST_UPDATE_E_INTERNAL;
  /* The module says TOO_LARGE for anything over MAX_UPDATE bytes (after checking the state):
     one byte more than the limit is all it needs to see. */
  const uint32_t copy = len > HUBTRUST_UPDATE_MAX_UPDATE ? HUBTRUST_UPDATE_MAX_UPDATE + 1 : len;
  return run_update(update, copy, state, now, result);
}
