/*
** fuzz_extract.c -- libFuzzer harness over the whole extraction path:
** bytes -> format detection -> decode -> clean -> outline -> tasks ->
** targets/deadlines -> JSON.  Fails on a crash, a sanitizer report, or JSON
** that jansson cannot parse back.
*/
#include "extract.h"
#include <jansson.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *a, size_t n){
  Extraction x;
  Err e = {0};
  if( extract_bytes("fuzz.txt", a, n, 0, &x, &e)==0 ){
    char *z = extraction_json(&x, 0);
    json_error_t je;
    json_t *j = json_loads(z, 0, &je);
    if( j==0 ) abort();
    json_decref(j);
    free(z);
    extraction_free(&x);
  }
  return 0;
}
