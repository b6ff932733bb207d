/*
** main.c -- the entry point: global options and command dispatch.
**
** Commands are functions "int cmd_NAME(int argc, char **argv)" anywhere in
** src/, each preceded by a "** COMMAND: NAME" comment whose text is the help.
** scripts/mkcmds gathers them into build/commands.h at build time.
*/
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Command Command;
struct Command {
  const char *zName;                 /* as typed after "luoshi" */
  int (*xCmd)(int argc, char **argv);/* argv[0] is the command name */
  const char *zHelp;                 /* from the COMMAND comment */
};
#include "commands.h"

#define N_COMMAND ((int)(sizeof(aCommand)/sizeof(aCommand[0])))

/* Find the command called zName; NULL when unknown. */
static const Command *command_find(const char *zName){
  for(int i=0; i<N_COMMAND; i++){
    if( strcmp(aCommand[i].zName, zName)==0 ) return &aCommand[i];
  }
  return 0;
}

/* Print the list of commands, with the first line of each help. */
static void usage(FILE *out){
  fputs("luoshi (落实): a government work report as a live ledger of commitments.\n"
        "Usage: luoshi COMMAND [OPTIONS]   (luoshi help COMMAND for details)\n"
        "Global options: --today YYYY-MM-DD (or LUOSHI_TODAY) sets the clock.\n\n"
        "Commands:\n", out);
  for(int i=0; i<N_COMMAND; i++){
    const char *z = aCommand[i].zHelp;
    if( strncmp(z, "Usage: luoshi ", 14)==0 ) z += 14;
    const char *zEnd = strchr(z, '\n');
    fprintf(out, "  %.*s\n", zEnd ? (int)(zEnd - z) : (int)strlen(z), z);
  }
}

/*
** COMMAND: help
** Usage: luoshi help [COMMAND]
**
** Show the list of commands, or the full help of one command.
*/
int cmd_help(int argc, char **argv){
  if( argc<2 ){ usage(stdout); return 0; }
  const Command *c = command_find(argv[1]);
  if( c==0 ){
    fprintf(stderr, "luoshi: unknown command: %s\n", argv[1]);
    return 1;
  }
  fputs(c->zHelp, stdout);
  return 0;
}

int main(int argc, char **argv){
  const char *zToday = find_option(&argc, argv, "--today", 1);
  if( zToday ) set_today(zToday);
  if( argc<2 ){ usage(stderr); return 1; }
  if( strcmp(argv[1], "--help")==0 || strcmp(argv[1], "-h")==0 ){
    usage(stdout);
    return 0;
  }
  if( strcmp(argv[1], "--version")==0 ){
    puts("luoshi " LUOSHI_VERSION);
    return 0;
  }
  const Command *c = command_find(argv[1]);
  if( c==0 ){
    fprintf(stderr, "luoshi: unknown command: %s (try: luoshi help)\n", argv[1]);
    return 1;
  }
  return c->xCmd(argc-1, argv+1);
}
