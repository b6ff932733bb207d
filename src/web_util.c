/*
** web_util.c -- small formatting helpers the pages share (see web.h).
*/
#include "web.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See web.h. */
void web_num(Buf *p, double v){
  char z[64];
  if( !isfinite(v) ){ buf_puts(p, "-"); return; }
  if( fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15 ){
    snprintf(z, sizeof(z), "%.0f", v);
  }else{
    snprintf(z, sizeof(z), "%.4f", v);
    char *e = z + strlen(z) - 1;
    while( e>z && *e=='0' ) *e-- = 0;
    if( *e=='.' ) *e = 0;
  }
  buf_puts(p, z);
}

/* See web.h. */
void web_amount(Buf *p, double v){
  double a = v<0 ? -v : v;
  /* only when exact, so that the text reads back to the same number */
  if( a>=1e8 && a<1e15 && fmod(a, 1e6)==0 ){ web_num(p, v/1e8); buf_puts(p, "亿"); }
  else if( a>=1e4 && a<1e15 && fmod(a, 100)==0 ){ web_num(p, v/1e4); buf_puts(p, "万"); }
  else web_num(p, v);
}

/* See web.h. */
const char *web_parse_amount(const char *z, char zOut[64]){
  size_t n = z ? strlen(z) : 0;
  double mul = 0;
  if( n>3 && strcmp(z+n-3, "亿")==0 ) mul = 1e8;
  else if( n>3 && strcmp(z+n-3, "万")==0 ) mul = 1e4;
  if( mul==0 || n>=60 ) return z;
  char zNum[64];
  memcpy(zNum, z, n-3);
  zNum[n-3] = 0;
  char *zEnd = 0;
  double v = strtod(zNum, &zEnd);
  if( zEnd==zNum || *zEnd!=0 || !isfinite(v) ) return z;
  snprintf(zOut, 64, "%.15g", v*mul);
  return zOut;
}

/* See web.h. */
const char *colour_class(Colour c){
  switch( c ){
    case COLOUR_GREEN:  return "g";
    case COLOUR_YELLOW: return "y";
    case COLOUR_RED:    return "r";
    default:            return "d";
  }
}

/* See web.h. */
void web_badge(Buf *p, Colour c){
  static const char *const az[] = {"绿灯", "黄灯", "红灯", "已销号"};
  html_printf(p, "<span class=\"badge %s\">%s</span>", colour_class(c), az[(unsigned)c % 4]);
}

/* See web.h. */
void web_date_cn(const char *zDate, char z[32]){
  if( zDate==0 || strlen(zDate)<10 ){ snprintf(z, 32, "%s", zDate ? zDate : ""); return; }
  snprintf(z, 32, "%d年%d月%d日", atoi(zDate), atoi(zDate+5), atoi(zDate+8));
}

/* See web.h. */
const char *cmp_label(const char *zCmp){
  if( zCmp==0 ) return "";
  if( strcmp(zCmp, ">=")==0 ) return "不低于";
  if( strcmp(zCmp, "<=")==0 ) return "不超过";
  if( strcmp(zCmp, "~")==0 ) return "约";
  if( strcmp(zCmp, "range")==0 ) return "区间";
  return "";
}

/* See web.h. */
const char *role_label(Role r){
  switch( r ){
    case ROLE_ADMIN:      return "管理员";
    case ROLE_SUPERVISOR: return "督查室";
    case ROLE_LEADER:     return "领导";
    case ROLE_UNIT:       return "责任单位";
    default:              return "公众";
  }
}

/* See web.h. */
const char *task_state_label(const char *z){
  if( z==0 ) return "";
  if( strcmp(z, "draft")==0 ) return "草稿";
  if( strcmp(z, "published")==0 ) return "已发布";
  if( strcmp(z, "done")==0 ) return "已销号";
  if( strcmp(z, "dropped")==0 ) return "已撤销";
  return z;
}

/* See web.h. */
void edited_label(Buf *p, const char *zEdited){
  static const char *const az[][2] = {{"text", "表述"}, {"deadline", "时限"}, {"lead", "牵头单位"}, {"co", "责任单位"}};
  int n = 0;
  for(int i=0; i<4; i++){
    const char *z = zEdited ? strstr(zEdited, az[i][0]) : 0;
    /* whole words of the comma list only ("co" is not in "lead") */
    while( z && ((z!=zEdited && z[-1]!=',') || (z[strlen(az[i][0])] && z[strlen(az[i][0])]!=',')) ){
      z = strstr(z+1, az[i][0]);
    }
    if( z ){ buf_puts(p, n++ ? "、" : ""); buf_puts(p, az[i][1]); }
  }
}

/* See web.h. */
const char *report_state_label(int state){
  switch( state ){
    case REPORT_SUBMITTED: return "待审核";
    case REPORT_ACCEPTED:  return "已采纳";
    case REPORT_RETURNED:  return "已退回";
    default:               return "未报送";
  }
}
