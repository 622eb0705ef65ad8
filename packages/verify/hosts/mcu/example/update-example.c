/*
 * Example of the hubtrust_update C API (hubtrust_update.h): checks every committed update vector
 * of test-data/updates/ (FORMAT.md) the way a device checks an update it received, and installs
 * an accepted one: a key rotation, after which the same update is refused.
 *
 * The vectors and device states come from example-updates.h, which hosts/mcu/build.mjs writes
 * from test-data/updates/vectors.json. The build runs this program natively (gcc) and on the
 * emulated Cortex-M4 (QEMU mps2-an386), and the tests compare both outputs with the TypeScript
 * API's verdicts (src/update/update-c.test.ts).
 *
 * Output: one line per vector, "<vector> <result>" and for accepted updates
 * " sequence=<n> roots=<len>,<len>,... keys=<n> revoked=<n>"; then the rotation lines and three
 * calls outside the format (an invalid state, a NULL update, a length over 32 KiB). On the
 * board, the instructions of each verification go to stderr ("#insns <vector> <n>").
 */
#include <stdio.h>
#include <string.h>

#include "example-updates.h"
#include "hubtrust_update.h"

#ifdef __arm__
#include "board.h"
/* QEMU -icount shift=0: 40 instructions per tick of the 25 MHz timer (board/startup.c). */
#define INSNS_PER_TICK 40u
#endif

static hubtrust_update_state state;
static hubtrust_update_result result;

static void load_state(const example_update *v) {
  memset(&state, 0, sizeof state);
  state.last_sequence = v->last_sequence;
  state.key_count = v->key_count;
  state.revoked_count = v->revoked_count;
  state.fleet_id_len = (uint8_t)strlen(v->fleet_id);
  memcpy(state.fleet_id, v->fleet_id, state.fleet_id_len);
  state.device_id_len = v->device_id ? (uint8_t)strlen(v->device_id) : 0;
  if (v->device_id) memcpy(state.device_id, v->device_id, state.device_id_len);
  memcpy(state.keys, v->keys, (size_t)v->key_count * HUBTRUST_UPDATE_POINT_LEN);
  memcpy(state.revoked, v->revoked, (size_t)v->revoked_count * HUBTRUST_UPDATE_KEY_ID_LEN);
}

static int check(const char *name, const example_update *v, const hubtrust_update_state *s) {
#ifdef __arm__
  uint32_t t0 = board_ticks();
#endif
  int err = hubtrust_verify_update(v->bytes, v->len, s, v->now, &result);
#ifdef __arm__
  fprintf(stderr, "#insns %s %lu\n", name, (unsigned long)(board_ticks() - t0) * INSNS_PER_TICK);
#endif
  printf("%s %s", name, hubtrust_update_result_name(err));
  if (err == HUBTRUST_UPDATE_OK) {
    printf(" sequence=%lu roots=", (unsigned long)result.sequence);
    for (uint32_t i = 0; i < result.root_count; i++) printf(i ? ",%lu" : "%lu", (unsigned long)result.roots[i].len);
    printf(" keys=%u revoked=%u", result.state.key_count, result.state.revoked_count);
  }
  printf("\n");
  return err;
}

int main(void) {
  for (uint32_t i = 0; i < EXAMPLE_UPDATE_COUNT; i++) {
    load_state(&example_updates[i]);
    check(example_updates[i].name, &example_updates[i], &state);
  }
  /* Install the rotation k1 -> k2 (which revokes k1): the same update is now signed by a revoked key. */
  for (uint32_t i = 0; i < EXAMPLE_UPDATE_COUNT; i++) {
    if (strcmp(example_updates[i].name, "valid-rotation") != 0) continue;
    load_state(&example_updates[i]);
    if (check("rotation-install", &example_updates[i], &state) != HUBTRUST_UPDATE_OK) return 1;
    state = result.state; /* a device writes the roots and this state together */
    check("rotation-replay", &example_updates[i], &state);
  }
  /* Beyond the format: a state the device never wrote, NULL arguments, and a length over the
     format's limit (only its first 32,769 bytes are read: the too-large vector has exactly that). */
  load_state(&example_updates[0]);
  state.key_count = 0;
  check("no-trusted-key", &example_updates[0], &state);
  printf("null-update %s\n", hubtrust_update_result_name(hubtrust_verify_update(NULL, 5, &state, 0, &result)));
  for (uint32_t i = 0; i < EXAMPLE_UPDATE_COUNT; i++) {
    if (strcmp(example_updates[i].name, "too-large") != 0) continue;
    load_state(&example_updates[i]);
    printf("one-mebibyte %s\n",
           hubtrust_update_result_name(hubtrust_verify_update(example_updates[i].bytes, 1u << 20, &state, 0, &result)));
  }
  return 0;
}
