#include "extract.h"
/* temporary: the stages are being written */
int extract_text(Extraction *p, int year, Err *e){
  p->year = year ? year : 2026;
  p->zYearFrom = year ? "option" : "clock";
  return 0;
}
