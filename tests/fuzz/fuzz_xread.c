/*
** fuzz_xread.c -- libFuzzer harness for the contract JSON reader used by
** `luoshi import --extraction` (xread.c): any bytes, read as the
** extraction of a file whose sha256 the JSON itself names, must give an
** extraction or a clean error, never a crash; what is read must print back
** as JSON that jansson parses.
*/
#include "xread.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *a, size_t n){
  char *z = malloc(n + 1);
  memcpy(z, a, n);
  z[n] = 0;
  Extraction x;
  memset(&x, 0, sizeof(x));
  json_t *j = json_loads(z, 0, 0);
  const char *zSha = j ? json_string_value(json_object_get(json_object_get(j, "source"), "sha256")) : 0;
  if( zSha && strlen(zSha)==64 ) memcpy(x.zSha256, zSha, 65);
  json_decref(j);
  x.zSource = strdup("");
  x.zEncoding = "UTF-8";
  x.zFormat = "txt";
  Err e = {0};
  if( extraction_read_json(&x, z, "fuzz.json", &e)==0 ){
    char *zOut = extraction_json(&x, 0);
    json_t *back = json_loads(zOut, 0, 0);
    if( back==0 ) abort();
    json_decref(back);
    free(zOut);
  }
  extraction_free(&x);
  free(z);
  return 0;
}
