/*
 * hubtrust_verify: the C API over wasm2c's translation of verify.wasm (see hubtrust_verify.h).
 *
 * Writes the verifyChain request (README "verifyChain: request and result";
 * assembly/path/request.ts) into the module's IO area, calls verifyChain and copies the 128-byte
 * result struct (assembly/path/result.ts) out. Every module call runs under wasm_rt_impl_try():
 * a trap after the runtime refused to grow memory is the build's memory limit (reported as
 * HUBTRUST_INPUT_TOO_LARGE), any other trap is HUBTRUST_E_INTERNAL.
 *
 * The module instance and the wasm2c names (VM_* macros) are in hubtrust_module.{h,c}, shared
 * with the update API (hubtrust_update.c).
 */
#include <string.h>

#include "hubtrust_module.h"

#define HUBTRUST_VERIFY_IMPLEMENTATION
#include "hubtrust_verify.h"

_Static_assert(HUBTRUST_MODULE_ABI_VERSION == HUBTRUST_ABI_VERSION, "one ABI version");
_Static_assert(HUBTRUST_E_INTERNAL == -1 && HUBTRUST_E_ABI == -2, "hubtrust_module_init's codes");

/* Request layout (assembly/path/request.ts). */
#define REQUEST_VERSION 1u
#define REQUEST_HEADER 64u
#define NAME_NONE 0u
#define NAME_DNS 1u
#define NAME_IP 2u
/* Result struct size (assembly/path/result.ts RESULT_SIZE). */
#define RESULT_SIZE 128u
/* Longest peer name the module accepts (request.ts). */
#define MAX_NAME 1024u

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
  if (error == HUBTRUST_E_INTERNAL) return "E_INTERNAL";
  if (error == HUBTRUST_E_ABI) return "E_ABI";
  return "?";
}

int hubtrust_verify_init(void) { return hubtrust_module_init(); }

/* Peer-name kind by the rule of the TypeScript encoder (src/testing/chain-request.ts): an IP
   address when the text has a ':' or only digits and dots; brackets around it are dropped. */
static uint32_t name_kind(const char **name, uint32_t *len) {
  const char *s = *name;
  uint32_t n = *len;
  if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
    s++;
    n -= 2;
  }
  int colon = 0, other = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (s[i] == ':') colon = 1;
    else if (!(s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))) other = 1;
  }
  *name = s;
  *len = n;
  return colon || !other ? NAME_IP : NAME_DNS;
}

static int finish(hubtrust_result *result, int error) {
  if (result) result->error = error;
  return error;
}

/* Copies the module's result struct at `r` into *out. */
static void read_result(const uint8_t *r, hubtrust_result *out) {
  out->error = (int32_t)get32(r);
  out->cert_position = (int32_t)get32(r + 4);
  out->cert_index = (int32_t)get32(r + 8);
  out->detail = get32(r + 12);
  out->hint_index = (int32_t)get32(r + 16);
  out->hint_error = get32(r + 20);
  out->hint_detail = get32(r + 24);
  out->flags = get32(r + 28);
  out->path_length = get32(r + 32);
  for (uint32_t i = 0; i < HUBTRUST_MAX_PATH; i++) out->path[i] = get32(r + 36 + 4 * i);
  out->signature_checks = get32(r + 100);
  out->build_calls = get32(r + 104);
  out->comparisons = get32(r + 108);
  out->missing_issuer_of = (int32_t)get32(r + 112);
  out->memory_bytes = get32(r + 116);
}

static const hubtrust_cert *cert_at(const hubtrust_chain *c, uint32_t i) {
  if (i == 0) return &c->leaf;
  if (i <= c->intermediate_count) return &c->intermediates[i - 1];
  return &c->roots[i - 1 - c->intermediate_count];
}

/* The module calls of one verification (the request is `len` bytes, sized by the caller). A
   trap longjmps back into this frame, where nothing read afterwards changes after the setjmp. */
static int run_request(const hubtrust_chain *c, uint32_t count, uint32_t len, const char *name, uint32_t name_len,
                       uint32_t kind, hubtrust_result *result) {
  const uint32_t refused = hubtrust_rt_refused_grows;
  if (wasm_rt_impl_try() != 0) {
    if (hubtrust_rt_refused_grows == refused) return finish(result, HUBTRUST_E_INTERNAL);
    if (result) result->flags |= HUBTRUST_RESULT_OUT_OF_MEMORY;
    return finish(result, HUBTRUST_INPUT_TOO_LARGE);
  }
  uint32_t io = VM_CALL(ioReserve, &hubtrust_module_vm, len);
  wasm_rt_memory_t *mem = VM_MEMORY(&hubtrust_module_vm);
  if (io == 0 || (uint64_t)io + len > mem->size) return finish(result, HUBTRUST_INPUT_TOO_LARGE);
  uint8_t *req = mem->data + io;
  memset(req, 0, REQUEST_HEADER);
  put32(req + 0, REQUEST_VERSION);
  put32(req + 4, c->intermediate_count);
  put32(req + 8, c->root_count);
  put32(req + 12, c->flags);
  put32(req + 16, c->purpose);
  put32(req + 20, c->max_depth);
  put32(req + 24, c->min_rsa_bits);
  put32(req + 28, (uint32_t)(uint64_t)c->time);
  put32(req + 32, (uint32_t)((uint64_t)c->time >> 32));
  put32(req + 48, c->budget_signatures);
  put32(req + 52, c->budget_build_calls);
  put32(req + 56, c->budget_comparisons);
  uint32_t at = REQUEST_HEADER + 8 * count;
  for (uint32_t i = 0; i < count; i++) {
    const hubtrust_cert *cert = cert_at(c, i);
    put32(req + REQUEST_HEADER + 8 * i, at);
    put32(req + REQUEST_HEADER + 8 * i + 4, cert->len);
    memcpy(req + at, cert->der, cert->len);
    at += cert->len;
  }
  if (kind != NAME_NONE) {
    put32(req + 36, kind);
    put32(req + 40, at);
    put32(req + 44, name_len);
    memcpy(req + at, name, name_len);
  }
  int error = (int)VM_CALL(verifyChain, &hubtrust_module_vm, io, len);
  uint32_t r = VM_CALL(verifyResultPtr, &hubtrust_module_vm);
  mem = VM_MEMORY(&hubtrust_module_vm);
  if ((uint64_t)r + RESULT_SIZE > mem->size) return finish(result, HUBTRUST_E_INTERNAL);
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
  uint64_t len = REQUEST_HEADER + 8 * count;
  for (uint64_t i = 0; i < count; i++) {
    const hubtrust_cert *cert = cert_at(c, (uint32_t)i);
    if (!cert->der) return finish(result, HUBTRUST_INVALID_ARGUMENT);
    len += cert->len;
  }
  const char *name = c->hostname;
  uint32_t name_len = 0, kind = NAME_NONE;
  if (name) {
    while (name_len <= MAX_NAME + 2 && name[name_len]) name_len++;
    kind = name_kind(&name, &name_len);
    if (name_len > MAX_NAME) return finish(result, HUBTRUST_INVALID_ARGUMENT);
    len += name_len;
  }
  if (len > UINT32_MAX) return finish(result, HUBTRUST_INPUT_TOO_LARGE);
  int state = hubtrust_verify_init();
  if (state != HUBTRUST_OK) return finish(result, state);
  return run_request(c, (uint32_t)count, (uint32_t)len, name, name_len, kind, result);
}
