/*
** bench_extract.c -- extraction throughput and peak memory.
**
**   build/bench_extract [--mb N] FILE...      repeat until N MB (default 50)
**   build/bench_extract --big REPEAT FILE...  one input of the files x REPEAT
**
** Each run is the whole pipeline, bytes to JSON. Prints MB/s of CPU time on
** one core and the peak resident memory (getrusage).
*/
#include "extract.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Seconds of CPU time used by this process. */
static double cpu_seconds(void){
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec/1e9;
}

/* Peak resident set size in MB. */
static double peak_mb(void){
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss/1024.0;
}

int main(int argc, char **argv){
  double mb = 50;
  int big = 0, i0 = 1, bJson = 1;
  while( i0+1<argc && argv[i0][0]=='-' ){
    if( strcmp(argv[i0], "--mb")==0 ){ mb = atof(argv[i0+1]); i0 += 2; }
    else if( strcmp(argv[i0], "--big")==0 ){ big = atoi(argv[i0+1]); i0 += 2; }
    else if( strcmp(argv[i0], "--no-json")==0 ){ bJson = 0; i0++; }
    else break;
  }
  int nFile = argc - i0;
  if( nFile<=0 ){ fprintf(stderr, "usage: bench_extract [--mb N | --big REPEAT] FILE...\n"); return 2; }
  char **az = xcalloc((size_t)nFile, sizeof(char*));
  size_t *an = xcalloc((size_t)nFile, sizeof(size_t));
  Err e = {0};
  for(int i=0; i<nFile; i++){
    if( read_file(argv[i0+i], &az[i], &an[i], &e) ){ fprintf(stderr, "%s\n", e.zMsg); return 1; }
  }
  if( big>0 ){
    Buf b = BUF_INIT;
    for(int r=0; r<big; r++) for(int i=0; i<nFile; i++){ buf_append(&b, az[i], an[i]); buf_putc(&b, '\n'); }
    for(int i=0; i<nFile; i++) free(az[i]);
    double base = peak_mb();
    double t0 = cpu_seconds();
    Extraction x;
    if( extract_bytes("big.txt", (unsigned char*)b.a, b.n, 2026, &x, &e) ){ fprintf(stderr, "%s\n", e.zMsg); return 1; }
    char *zJson = extraction_json(&x, 0);
    double t1 = cpu_seconds();
    double inMb = b.n/1048576.0;
    printf("one input of %.1f MB: %.1f MB/s, %d tasks; peak memory %.0f MB = %.1fx the input"
           " (%.0f MB of it the input itself and the program)\n",
           b.n/1e6, b.n/1e6/(t1-t0), x.nTask, peak_mb(), peak_mb()/inMb, base);
    free(zJson);
    extraction_free(&x);
    buf_free(&b);
    return 0;
  }
  double total = 0, t0 = cpu_seconds();
  size_t largest = 0;
  long nTask = 0, nTarget = 0, nRun = 0;
  while( total < mb*1e6 ){
    for(int i=0; i<nFile; i++){
      Extraction x;
      if( an[i]>largest ) largest = an[i];
      if( extract_bytes(argv[i0+i], (unsigned char*)az[i], an[i], 0, &x, &e)==0 ){
        char *zJson = bJson ? extraction_json(&x, 0) : 0;
        nTask += x.nTask;
        for(int k=0; k<x.nTask; k++) nTarget += x.aTask[k].nTarget;
        free(zJson);
        extraction_free(&x);
      }
      total += (double)an[i];
      nRun++;
    }
  }
  double t1 = cpu_seconds();
  printf("%s: %ld extractions, %.1f MB in %.2f s CPU: %.1f MB/s on one core; %ld tasks, %ld targets;"
         " peak memory %.1f MB (largest input %.3f MB)\n",
         bJson ? "bytes to JSON" : "bytes to extraction", nRun, total/1e6, t1-t0, total/1e6/(t1-t0), nTask, nTarget, peak_mb(), largest/1e6);
  return 0;
}
