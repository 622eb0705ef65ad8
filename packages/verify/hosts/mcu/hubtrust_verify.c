/*
 * hubtrust_verify: the C API over wasm2c's translation of verify.wasm (see hubtrust_verify.h).
 *
 * Writes the verifyChain request into the module's IO area, calls verifyChain and copies the
 * result record out. Offsets, sizes, kinds and the ABI hash come from verify_abi.generated.h
 * (generated from abi.json by scripts/gen-abi.mjs, the same file the module's and the TypeScript
 * host's views come from), so nothing here restates the layout. The peer name goes to the module
 * as NAME_HOST: the module decides whether it is an IP literal or a DNS name (one rule for every
 * host). Every module call runs under wasm_rt_impl_try(): a trap after the runtime refused to
 * grow memory is the build's memory limit (reported as HUBTRUST_INPUT_TOO_LARGE), any other trap
 * is HUBTRUST_INTERNAL, and the instance is set up again before the next call (a trap can leave
 * the module's static records half written).
 *
 * The module instance and the wasm2c names (VM_* macros) are in hubtrust_module.{h,c}, shared
 * with the update API (hubtrust_update.c).
 */
#include <string.h>

#include "hubtrust_module.h"

#define HUBTRUST_VERIFY_IMPLEMENTATION
#include "hubtrust_verify.h"

_Static_assert(HUBTRUST_MODULE_ABI_VERSION == HUBTRUST_ABI_VERSION, "one ABI version");

/* The API's names for abi.json values must be the generated ones. */
#if HUBTRUST_ABI_VERSION != VERIFY_ABI_VERSION || HUBTRUST_MAX_PATH != VERIFY_MAX_PATH ||                    \
    HUBTRUST_FLAG_ALLOW_SHA1 != VERIFY_FLAG_ALLOW_SHA1 ||                                                   \
    HUBTRUST_FLAG_IGNORE_ANCHOR_EXPIRY != VERIFY_FLAG_IGNORE_ANCHOR_EXPIRY ||                               \
    HUBTRUST_FLAG_REQUIRE_ORDERED != VERIFY_FLAG_REQUIRE_ORDERED ||                                         \
    HUBTRUST_FLAG_NC_REJECT_IF_CRITICAL != VERIFY_FLAG_NC_REJECT_IF_CRITICAL ||                             \
    HUBTRUST_FLAG_LENIENT_PROFILE != VERIFY_FLAG_LENIENT_PROFILE ||                                         \
    HUBTRUST_PURPOSE_SERVER_AUTH != VERIFY_PURPOSE_SERVER_AUTH ||                                           \
    HUBTRUST_PURPOSE_CLIENT_AUTH != VERIFY_PURPOSE_CLIENT_AUTH || HUBTRUST_PURPOSE_ANY != VERIFY_PURPOSE_ANY || \
    HUBTRUST_RESULT_CN_WOULD_MATCH != VERIFY_RESULT_CN_WOULD_MATCH ||                                       \
    HUBTRUST_RESULT_LEAF_HAS_NO_SAN != VERIFY_RESULT_LEAF_HAS_NO_SAN ||                                     \
    HUBTRUST_RESULT_UNORDERED_PATH_EXISTS != VERIFY_RESULT_UNORDERED_PATH_EXISTS
#error "hubtrust_verify.h and verify_abi.generated.h describe different ABIs"
#endif

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

void hubtrust_chain_init(hubtrust_chain *chain) {
  memset(chain, 0, sizeof *chain);
  chain->purpose = HUBTRUST_PURPOSE_SERVER_AUTH;
  chain->max_depth = HUBTRUST_DEFAULT_MAX_DEPTH;
}

const char *hubtrust_error_name(int error) {
  if (error >= 0 && error < HUBTRUST_ERROR_COUNT) return hubtrust_error_names[error];
  if (error == HUBTRUST_E_ABI) return "E_ABI";
  return "?";
}

int hubtrust_verify_init(void) {
  const int r = hubtrust_module_init();
  return r == 0 ? HUBTRUST_OK : r == -2 ? HUBTRUST_E_ABI : HUBTRUST_INTERNAL;
}

static int finish(hubtrust_result *result, int error) {
  if (result) result->error = error;
  return error;
}

/* Copies the module's result struct at `r` into *out. */
static void read_result(const uint8_t *r, hubtrust_result *out) {
  out->error = (int32_t)get32(r + VERIFY_RES_ERR);
  out->cert_position = (int32_t)get32(r + VERIFY_RES_CERT_INDEX);
  out->cert_index = (int32_t)get32(r + VERIFY_RES_CERT_SLOT);
  out->detail = get32(r + VERIFY_RES_DETAIL);
  out->hint_index = (int32_t)get32(r + VERIFY_RES_HINT_SLOT);
  out->hint_error = get32(r + VERIFY_RES_HINT_ERR);
  out->hint_detail = get32(r + VERIFY_RES_HINT_DETAIL);
  out->flags = get32(r + VERIFY_RES_FLAGS);
  out->path_length = get32(r + VERIFY_RES_PATH_LENGTH);
  for (uint32_t i = 0; i < HUBTRUST_MAX_PATH; i++) out->path[i] = get32(r + VERIFY_RES_PATH + 4 * i);
  out->signature_checks = get32(r + VERIFY_RES_SIGNATURE_CHECKS);
  out->build_calls = get32(r + VERIFY_RES_BUILD_CALLS);
  out->comparisons = get32(r + VERIFY_RES_COMPARISONS);
  out->missing_issuer_of = (int32_t)get32(r + VERIFY_RES_ISSUER_OF_SLOT);
  out->memory_bytes = get32(r + VERIFY_RES_HEAP_BYTES);
}

static const hubtrust_cert *cert_at(const hubtrust_chain *c, uint32_t i) {
  if (i == 0) return &c->leaf;
  if (i <= c->intermediate_count) return &c->intermediates[i - 1];
  return &c->roots[i - 1 - c->intermediate_count];
}

/* The module calls of one verification (the request is `len` bytes, sized by the caller). A
   trap longjmps back into this frame, where nothing read afterwards changes after the setjmp. */
static int run_request(const hubtrust_chain *c, uint32_t count, uint32_t len, const char *name, uint32_t name_len,
                       hubtrust_result *result) {
  const uint32_t refused = hubtrust_rt_refused_grows;
  if (wasm_rt_impl_try() != 0) {
    hubtrust_module_reset();
    if (hubtrust_rt_refused_grows == refused) return finish(result, HUBTRUST_INTERNAL);
    if (result) result->flags |= HUBTRUST_RESULT_OUT_OF_MEMORY;
    return finish(result, HUBTRUST_INPUT_TOO_LARGE);
  }
  uint32_t io = VM_CALL(ioReserve, &hubtrust_module_vm, len);
  wasm_rt_memory_t *mem = VM_MEMORY(&hubtrust_module_vm);
  if (io == 0 || (uint64_t)io + len > mem->size) return finish(result, HUBTRUST_INPUT_TOO_LARGE);
  uint8_t *req = mem->data + io;
  memset(req, 0, VERIFY_REQ_SIZE);
  put32(req + VERIFY_REQ_VERSION, VERIFY_REQUEST_VERSION);
  put32(req + VERIFY_REQ_INTERMEDIATE_COUNT, c->intermediate_count);
  put32(req + VERIFY_REQ_ROOT_COUNT, c->root_count);
  put32(req + VERIFY_REQ_FLAGS, c->flags);
  put32(req + VERIFY_REQ_PURPOSE, c->purpose);
  put32(req + VERIFY_REQ_MAX_DEPTH, c->max_depth);
  put32(req + VERIFY_REQ_MIN_RSA_BITS, c->min_rsa_bits);
  put32(req + VERIFY_REQ_TIME, (uint32_t)(uint64_t)c->time);
  put32(req + VERIFY_REQ_TIME + 4, (uint32_t)((uint64_t)c->time >> 32));
  put32(req + VERIFY_REQ_BUDGET_SIGNATURE_CHECKS, c->budget_signatures);
  put32(req + VERIFY_REQ_BUDGET_BUILD_CALLS, c->budget_build_calls);
  put32(req + VERIFY_REQ_BUDGET_COMPARISONS, c->budget_comparisons);
  uint32_t at = VERIFY_REQ_SIZE + VERIFY_REQCERT_SIZE * count;
  for (uint32_t i = 0; i < count; i++) {
    const hubtrust_cert *cert = cert_at(c, i);
    uint8_t *entry = req + VERIFY_REQ_SIZE + VERIFY_REQCERT_SIZE * i;
    put32(entry + VERIFY_REQCERT_OFFSET, at);
    put32(entry + VERIFY_REQCERT_LENGTH, cert->len);
    memcpy(req + at, cert->der, cert->len);
    at += cert->len;
  }
  if (name) {
    put32(req + VERIFY_REQ_NAME_KIND, VERIFY_NAME_HOST);
    put32(req + VERIFY_REQ_NAME_OFFSET, at);
    put32(req + VERIFY_REQ_NAME_LENGTH, name_len);
    memcpy(req + at, name, name_len);
  }
  int error = (int)VM_CALL(verifyChain, &hubtrust_module_vm, io, len);
  uint32_t r = VM_CALL(verifyResultPtr, &hubtrust_module_vm);
  mem = VM_MEMORY(&hubtrust_module_vm);
  if ((uint64_t)r + VERIFY_RES_SIZE > mem->size) return finish(result, HUBTRUST_INTERNAL);
  if (result) read_result(mem->data + r, result);
  return finish(result, error);
}

int hubtrust_verify_chain(const hubtrust_chain *c, hubtrust_result *result) {
  if (result) {
    memset(result, 0, sizeof *result);
    result->cert_position = result->cert_index = result->hint_index = result->missing_issuer_of = -1;
  }
  if (!c || !c->leaf.der || !c->roots || c->root_count == 0 || (c->intermediate_count && !c->intermediates))
    return finish(result, HUBTRUST_INVALID_ARGUMENT);
  /* Request size in 64 bits: the counts and lengths come from the caller. */
  uint64_t count = 1 + (uint64_t)c->intermediate_count + c->root_count;
  uint64_t len = VERIFY_REQ_SIZE + VERIFY_REQCERT_SIZE * count;
  for (uint64_t i = 0; i < count; i++) {
    const hubtrust_cert *cert = cert_at(c, (uint32_t)i);
    if (!cert->der) return finish(result, HUBTRUST_INVALID_ARGUMENT);
    len += cert->len;
  }
  const char *name = c->hostname;
  uint32_t name_len = 0;
  if (name) {
    /* Bounded scan; the module checks the name itself (its length limit, brackets, IP or DNS). */
    while (name_len <= VERIFY_MAX_PEER_NAME_LEN + 2 && name[name_len]) name_len++;
    if (name_len > VERIFY_MAX_PEER_NAME_LEN + 2) return finish(result, HUBTRUST_INVALID_ARGUMENT);
    len += name_len;
  }
  if (len > UINT32_MAX) return finish(result, HUBTRUST_INPUT_TOO_LARGE);
  int state = hubtrust_verify_init();
  if (state != HUBTRUST_OK) return finish(result, state);
  return run_request(c, (uint32_t)count, (uint32_t)len, name, name_len, result);
}
