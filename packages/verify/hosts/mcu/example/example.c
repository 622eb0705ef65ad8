/*
 * Example of the hubtrust_verify C API: checks the Azure IoT Hub server chain of 2015 (leaf
 * *.azure-devices.net <- Microsoft IT SSL SHA2 <- Baltimore CyberTrust Root) the way a device
 * does after its TLS handshake, then shows what the API answers for a wrong clock, a wrong host
 * name, a missing intermediate and inputs beyond the build's limits.
 *
 * The DER arrays come from example-chain.h, which hosts/mcu/build.mjs writes from
 * test-data/roots; a device would embed its own trust anchors. The build runs this program
 * natively (gcc) and on the emulated Cortex-M4 (QEMU mps2-an386), and the tests compare both
 * outputs with the TypeScript API's verdicts.
 *
 * Output: one line per scenario, "<scenario> <code name> path=<input indices> flags=<hex>".
 */
#include <stdio.h>

#include "example-chain.h"
#include "hubtrust_verify.h"

/* 2016-06-01T00:00:00Z and 2018-06-01T00:00:00Z: inside and after the leaf's validity. */
#define AT_2016 1464739200
#define AT_2018 1527811200

/* Enough empty certificate entries to exceed the build's certificate slots (256 today). */
#define MANY 300
/* Roots of about 1 KiB each: more than the ~25 KiB above the static data, less than the IO area. */
#define BEYOND_MEMORY 50

static void report(const char *scenario, int err, const hubtrust_result *r) {
  printf("%s %s path=", scenario, hubtrust_error_name(err));
  for (uint32_t i = 0; i < r->path_length && i < HUBTRUST_MAX_PATH; i++)
    printf(i ? ",%lu" : "%lu", (unsigned long)r->path[i]);
  printf(" flags=%lx\n", (unsigned long)r->flags);
}

int main(void) {
  static const uint8_t empty[1];
  static hubtrust_cert many[MANY];
  const hubtrust_cert ica = {example_ica, sizeof example_ica};
  const hubtrust_cert root = {example_root, sizeof example_root};
  hubtrust_result r;
  hubtrust_chain chain;

  int err = hubtrust_verify_init();
  if (err != HUBTRUST_OK) {
    printf("init %s\n", hubtrust_error_name(err));
    return 1;
  }

  hubtrust_chain_init(&chain);
  chain.leaf = (hubtrust_cert){example_leaf, sizeof example_leaf};
  chain.intermediates = &ica;
  chain.intermediate_count = 1;
  chain.roots = &root;
  chain.root_count = 1;
  chain.hostname = "myhub.azure-devices.net";
  chain.time = AT_2016;
  report("trusted", hubtrust_verify_chain(&chain, &r), &r);

  chain.time = AT_2018;
  report("clock-2018", hubtrust_verify_chain(&chain, &r), &r);

  chain.time = AT_2016;
  chain.hostname = "myhub.azure-devices.example";
  report("wrong-name", hubtrust_verify_chain(&chain, &r), &r);

  chain.hostname = "myhub.azure-devices.net";
  chain.intermediate_count = 0;
  report("no-intermediate", hubtrust_verify_chain(&chain, &r), &r);

  /* More certificates than the build has slots for: the module refuses the request. */
  for (int i = 0; i < MANY; i++) many[i] = (hubtrust_cert){empty, 0};
  chain.intermediates = many;
  chain.intermediate_count = MANY;
  report("too-many-certificates", hubtrust_verify_chain(&chain, &r), &r);

  /* A request within the build's IO area (64 KiB) but beyond the memory left above the static
     data: the runtime refuses to grow the one page, the call traps and reports the limit. */
  for (int i = 0; i < MANY; i++) many[i] = root;
  chain.intermediates = &ica;
  chain.intermediate_count = 1;
  chain.roots = many;
  chain.root_count = BEYOND_MEMORY;
  report("request-beyond-memory", hubtrust_verify_chain(&chain, &r), &r);

  /* A request larger than the build's IO area: refused before anything is copied. */
  chain.root_count = MANY;
  report("request-too-large", hubtrust_verify_chain(&chain, &r), &r);

  /* Still usable afterwards. */
  chain.roots = &root;
  chain.root_count = 1;
  report("trusted-again", hubtrust_verify_chain(&chain, &r), &r);
  return 0;
}
