/*
** zipmem.h -- build a zip archive in memory with libzip (entries stored,
** not compressed).  For the tests and fuzzers of the DOCX reader, which
** need .docx files made on the spot.  Include once per program.
*/
#include <string.h>
#include "buf.h"
#include <zip.h>

/* Write a zip of the n entries azName[i] (aData[i], anData[i] bytes) to
** out (reset first).  Returns 0, or -1 when libzip fails. */
static inline int zipmem_build(const char *const *azName, const unsigned char *const *aData,
                        const size_t *anData, int n, Buf *out){
  zip_error_t ze;
  zip_error_init(&ze);
  buf_reset(out);
  zip_source_t *src = zip_source_buffer_create(0, 0, 0, &ze);
  if( src==0 ) return -1;
  zip_source_keep(src);
  zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  if( za==0 ){
    zip_source_free(src);
    return -1;
  }
  for(int i=0; i<n; i++){
    zip_source_t *s = zip_source_buffer(za, aData[i], anData[i], 0);
    zip_int64_t k = s ? zip_file_add(za, azName[i], s, ZIP_FL_OVERWRITE) : -1;
    if( k<0 ){
      if( s ) zip_source_free(s);
      continue;
    }
    zip_set_file_compression(za, (zip_uint64_t)k, ZIP_CM_STORE, 0);
  }
  if( zip_close(za)!=0 ){
    zip_discard(za);
    zip_source_free(src);
    return -1;
  }
  int rc = -1;
  if( zip_source_open(src)==0 ){
    char aBuf[8192];
    zip_int64_t k;
    while( (k = zip_source_read(src, aBuf, sizeof(aBuf)))>0 ) buf_append(out, aBuf, (size_t)k);
    rc = k<0 ? -1 : 0;
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&ze);
  return rc;
}

/* The fuzzers' use of zipmem_build(): split the n bytes a[] at NUL bytes
** into at most nName parts and zip part k under azName[k], into out.
** Returns 0 on success. */
static inline int zipmem_from_parts(const char *const *azName, int nName,
                             const unsigned char *a, size_t n, Buf *out){
  const unsigned char *aPart[8];
  size_t anPart[8];
  int nPart = 0;
  size_t i = 0;
  if( nName>8 ) nName = 8;
  while( nPart<nName ){
    const unsigned char *z = memchr(a+i, 0, n-i);
    size_t e = z ? (size_t)(z - a) : n;
    aPart[nPart] = a+i;
    anPart[nPart] = e-i;
    nPart++;
    if( z==0 ) break;
    i = e+1;
  }
  return zipmem_build(azName, aPart, anPart, nPart, out);
}
