/*
** deadline.c -- deadlines named in a task (年底前, 6月底前, 上半年, 一季度,
** 汛期前, 明年, 2027年, 到2030年, “十五五”时期 ...) resolved to the last
** day of the period named; and the plan year of a report.
*/
#include "xtext.h"
#include <stdio.h>
#include <stdlib.h>

/* Days in month m of year y. */
static int month_days(int y, int m){
  static const int a[] = {31,28,31,30,31,30,31,31,30,31,30,31};
  if( m==2 && ((y%4==0 && y%100!=0) || y%400==0) ) return 29;
  return a[(m-1)%12];
}

/* Parse 1–2 ASCII digits or a small Chinese numeral (一…十二) for a month
** or day at z[i]; returns the value and sets *pEnd, or -1. */
static int small_num(const char *z, int i, int n, int *pEnd){
  int v = 0, nd = 0;
  while( i<n && z[i]>='0' && z[i]<='9' && nd<2 ){ v = v*10 + z[i]-'0'; i++; nd++; }
  if( nd ){ *pEnd = i; return v; }
  int k;
  while( i<n && nd<3 ){
    unsigned ch = u8(z+i, &k);
    int d = cn_digit(ch);
    if( d<1 || d>10 || ch==0x4E24 ) break;
    if( d==10 ) v = (v ? v : 1)*10; else v += d;
    i += k; nd++;
  }
  if( nd==0 ) return -1;
  *pEnd = i;
  return v;
}

/* Write y-m-d as "YYYY-MM-DD" into z (11 bytes). */
static void date_format(char *z, int y, int m, int d){
  z[0] = (char)('0' + y/1000%10); z[1] = (char)('0' + y/100%10);
  z[2] = (char)('0' + y/10%10);   z[3] = (char)('0' + y%10);
  z[4] = '-'; z[5] = (char)('0' + m/10); z[6] = (char)('0' + m%10);
  z[7] = '-'; z[8] = (char)('0' + d/10); z[9] = (char)('0' + d%10);
  z[10] = 0;
}

typedef struct Hit Hit;
struct Hit {
  int y, m, d;       /* the date */
  int len;           /* bytes matched */
};

/* Parse what follows "YYYY年" or a bare month: 底/末/内 → year end,
** M月底/末/份/下旬 → month end, M月中旬 → 20th, M月上旬 → 10th, M月D日 →
** that day, 上半年/一季度 …. z[i] is just after 年 (or at the month for
** bYearGiven==0). Returns bytes used after i, or -1 when nothing follows
** that names a period; fills h. */
static int period_after_year(const char *z, int i, int n, int y, Hit *h, int bYearGiven){
  int e;
  if( bYearGiven ){
    if( at(z, i, n, "底") || at(z, i, n, "末") ){
      h->y = y; h->m = 12; h->d = 31;
      int len = 3;
      if( at(z, i+3, n, "前") ) len += 3;
      return len;
    }
    if( at(z, i, n, "上半年") ){ h->y = y; h->m = 6; h->d = 30; return 9; }
    if( at(z, i, n, "下半年") ){ h->y = y; h->m = 12; h->d = 31; return 9; }
  }
  int m = small_num(z, i, n, &e);
  if( m>=1 && m<=12 && at(z, e, n, "月") ){
    int j = e + 3;
    h->y = y; h->m = m; h->d = month_days(y, m);
    if( at(z, j, n, "底前") || at(z, j, n, "末前") ) return j + 6 - i;
    if( at(z, j, n, "底") || at(z, j, n, "末") || at(z, j, n, "份") ) return j + 3 - i;
    if( at(z, j, n, "中旬") ){ h->d = 20; return j + 6 - i; }
    if( at(z, j, n, "上旬") ){ h->d = 10; return j + 6 - i; }
    if( at(z, j, n, "下旬") ) return j + 6 - i;
    if( at(z, j, n, "前") ){
      /* "6月前": before June */
      if( m>1 ){ h->m = m - 1; h->d = month_days(y, m - 1); }
      return j + 3 - i;
    }
    int dd = small_num(z, j, n, &e);
    if( dd>=1 && dd<=month_days(y, m) && (at(z, e, n, "日") || at(z, e, n, "号")) ){
      h->d = dd;
      return e + 3 - i;
    }
    if( bYearGiven || at(z, j, n, "内") ) return j - i;
    /* "10月开馆", "8月贯通", "力争10月运营": a month followed by what is done */
    {
      unsigned c2 = j<n ? u8(z+j, &e) : 0;
      if( is_han(c2) && cn_digit(c2)<0 && !at(z, j, n, "份") && !at(z, j, n, "以来") && !at(z, j, n, "至")
          && !at(z, j, n, "起") && !at(z, j, n, "和") && !at(z, j, n, "、") && !at(z, j, n, "的")
          && !at(z, j, n, "开始") && !at(z, j, n, "到") ) return j - i;
    }
    return -1;
  }
  return -1;
}

/* Quarters and half years without a year: 一季度 … 四季度, 前三季度. */
static int quarter_at(const char *z, int i, int n, int y, Hit *h){
  int k = 0;
  if( at(z, i, n, "前") ) k = 3;
  if( at(z, i+k, n, "第") ) k += 3;
  int q = 0;
  if( at(z, i+k, n, "一季度") ) q = 1;
  else if( at(z, i+k, n, "二季度") ) q = 2;
  else if( at(z, i+k, n, "三季度") ) q = 3;
  else if( at(z, i+k, n, "四季度") ) q = 4;
  if( q==0 ) return 0;
  h->y = y; h->m = q*3; h->d = month_days(y, q*3);
  int len = k + 9;
  if( at(z, i+len, n, "末") ) len += 3;
  return len;
}

/* A five-year plan period at z[i] ("“十五五”时期…", "十四五末") where it
** sets a deadline: its end ("末"); a sentence that opens with the period
** ("“十五五”时期要实现…", "“十五五”时期经济社会发展的主要目标是：") unless
** it only says what the period is ("…时期是…关键时期"); inside a sentence
** when 要/将/力争/实现… follows, or a number in the same clause
** ("“十四五”时期全省生产总值年均增长6%左右").  s is the start of the
** sentence.  Returns the bytes matched, or 0. */
static int five_year_at(const char *z, int i, int n, int s, int year, Hit *h){
  int e;
  if( !at(z, i, n, "十") ) return 0;
  int d = cn_digit(u8(z+i+3, &e));
  if( d<1 || d>9 || !at(z, i+6, n, "五") ) return 0;
  int y = 1955 + 5*(10 + d);
  if( y<year ) return 0;
  int j = i + 9;
  if( at(z, j, n, "”") ) j += 3;
  else if( at(z, j, n, "\"") ) j += 1;
  int bStart = i==s || (i>s && (cp_before(z, i)==0x201C || cp_before(z, i)=='"') && u8_prev(z, i)==s);
  int ok = 0, len = 0;
  if( at(z, j, n, "末") || at(z, j, n, "期末") || at(z, j, n, "内") ){
    ok = 1;                    /* "十五五”末", "“十五五”内争取尽早消除…" */
    len = j + (at(z, j, n, "期末") ? 6 : 3) - i;
  }else if( at(z, j, n, "时期") || at(z, j, n, "期间") ){
    int jw = j + 6;
    len = jw - i;
    if( at(z, jw, n, "，") ) jw += 3;
    /* the clause after it: a subject of a few characters, then 要/将/实现…
    ** or a number; at the start of a sentence also 目标 ("主要目标是：") */
    static const char *azVerb[] = {"要", "将", "力争", "努力", "实现", "确保", "达到", "目标"};
    int nVerb = bStart ? 8 : 7;
    if( at(z, jw, n, "在") ) jw = n;    /* "…时期在…进程中具有…": a statement */
    for(int q=jw, nc=0; q<n && nc<20 && !ok; nc++){
      unsigned ch = u8(z+q, &e);
      if( is_comma(ch) || is_sentence_end(ch) || is_semicolon(ch) || is_colon(ch) || ch==0x662F /*是*/ ) break;
      if( ch>='0' && ch<='9' ) ok = 1;
      for(int m=0; m<nVerb; m++) if( at(z, q, n, azVerb[m]) ) ok = 1;
      q += e;
    }
  }
  if( !ok ) return 0;
  h->y = y; h->m = 12; h->d = 31;
  return len;
}

/* "用三年时间", "通过3年努力": a span of N years from the plan year, to the
** end of its last year; returns the bytes matched ("三年时间") or 0. */
static int years_span_at(const char *z, int i, int n, int year, Hit *h){
  int e, d;
  if( z[i]>='2' && z[i]<='9' ){ d = z[i]-'0'; e = i + 1; }
  else{ d = cn_digit(u8(z+i, &e)); e += i; }
  if( d<2 || d>10 || !at(z, e, n, "年") ) return 0;
  if( !(at(z, e+3, n, "时间") || at(z, e+3, n, "努力")) ) return 0;
  h->y = year + d - 1; h->m = 12; h->d = 31;
  return e + 9 - i;
}

/* Recognise a deadline at z[i] (a character boundary) of a sentence that
** starts at s; year is the plan year.  Returns the bytes matched and fills
** h, or 0. */
static int deadline_at(const char *z, int i, int n, int s, int year, Hit *h){
  unsigned char ch = (unsigned char)z[i];
  int e;
  /* (deadline_find() calls this only where a deadline can start: a digit
  ** or one of 明后年今全本上下汛主前第十国未 and the numerals) */
  unsigned prev = cp_before(z, i);
  if( ch>='0' && ch<='9' ){
    if( prev>='0' && prev<='9' ) return 0;
    if( prev=='.' || (prev>='a' && prev<='z') || (prev>='A' && prev<='Z') ) return 0;
    /* YYYY年 … */
    if( i+4<=n && z[i]>='1' && z[i]<='2' && z[i+1]>='0' && z[i+1]<='9' && z[i+2]>='0' && z[i+2]<='9'
        && z[i+3]>='0' && z[i+3]<='9' && at(z, i+4, n, "年") ){
      int y = atoi(z + i);
      int j = i + 7;
      if( y<year || y>year+30 ) return 0;
      if( prev==0x4ECE /*从*/ || prev==0x81EA /*自*/ ) return 0;
      int len = period_after_year(z, j, n, y, h, 1);
      if( len>=0 ) return j + len - i;
      if( at(z, j, n, "远景") ) return 0;   /* "2035年远景目标": a name, not a date */
      if( at(z, j, n, "起") || at(z, j, n, "以来") || at(z, j, n, "开始") || at(z, j, n, "是")
          || at(z, j, n, "至") || at(z, j, n, "—") || at(z, j, n, "-") || at(z, j, n, "度") ) return 0;
      if( y==year && !(prev==0x5230 /*到*/ || prev==0x81F3 /*至*/ || prev==0x4E8E /*于*/) ) return 0;
      h->y = y; h->m = 12; h->d = 31;
      if( at(z, j, n, "前") ) j += 3;
      return j - i;
    }
    if( (e = years_span_at(z, i, n, year, h))>0 ) return e;
    /* M月… without a year (not the month of a year already refused, nor
    ** a month of every year: "每年10月至12月") */
    if( prev==0x5E74 /*年*/ ) return 0;
    for(int q=i, nc=0; q>0 && nc<8; nc++){
      q = u8_prev(z, q);
      if( at(z, q, n, "每年") || at(z, q, n, "每月") || at(z, q, n, "常年") ) return 0;
      if( is_comma(u8(z+q, &e)) || is_sentence_end(u8(z+q, &e)) ) break;
    }
    int len = period_after_year(z, i, n, year, h, 0);
    return len>0 ? len : 0;
  }
  /* the other rules each start with their own character */
  switch( u8(z+i, &e) ){
    case 0x660E: /* 明 */
      if( at(z, i, n, "明年") ){ h->y = year+1; h->m = 12; h->d = 31; return 6; }
      return 0;
    case 0x4ECA: /* 今 */
    case 0x672A: /* 未 */
      /* 今后五年 / 未来五年 with goals: "明确了今后五年的发展目标", "今后五年要…" */
      if( at(z, i, n, "今后五年") || at(z, i, n, "未来五年") ){
        int q = i + 12, ok = 0;
        for(int nc=0; q<n && nc<12 && !ok; nc++){
          unsigned c2 = u8(z+q, &e);
          if( is_comma(c2) || is_sentence_end(c2) || is_semicolon(c2) || c2==0x662F /*是*/ ) break;
          if( at(z, q, n, "目标") || at(z, q, n, "要") || at(z, q, n, "将") || at(z, q, n, "任务") ) ok = 1;
          q += e;
        }
        if( !ok ) return 0;
        h->y = year + 4; h->m = 12; h->d = 31;
        return 12;
      }
      if( at(z, i, n, "今年") ){
        if( at(z, i+6, n, "以来") ) return 0;
        h->y = year; h->m = 12; h->d = 31;
        return 6;
      }
      return 0;
    case 0x540E: /* 后 */
      if( at(z, i, n, "后年") ){ h->y = year+2; h->m = 12; h->d = 31; return 6; }
      return 0;
    case 0x5E74: /* 年 */
      if( at(z, i, n, "年底") || at(z, i, n, "年末") ){
        if( prev==0x53BB /*去*/ || prev==0x5F53 /*当*/ || prev==0x6BCF /*每*/ || (prev>='0' && prev<='9') ) return 0;
        h->y = year; h->m = 12; h->d = 31;
        return at(z, i+6, n, "前") ? 9 : 6;
      }
      if( at(z, i, n, "年内") ){
        if( (prev>='0' && prev<='9') ) return 0;
        int d = cn_digit(prev);
        if( d>=2 && d<=10 ){ h->y = year + d - 1; h->m = 12; h->d = 31; return 6; }  /* 三年内 */
        if( d>=0 || prev==0x53BB /*去*/ ) return 0;
        h->y = year; h->m = 12; h->d = 31;
        return 6;
      }
      if( at(z, i, n, "年中") && prev!=0x4ECA ){ h->y = year; h->m = 6; h->d = 30; return 6; }
      return 0;
    case 0x5168: /* 全 */
    case 0x672C: /* 本 */
      if( at(z, i, n, "全年") || at(z, i, n, "本年") ){
        if( at(z, i+6, n, "以来") ) return 0;
        h->y = year; h->m = 12; h->d = 31;
        return 6;
      }
      return 0;
    case 0x4E0A: /* 上 */
      if( at(z, i, n, "上半年") ){
        if( prev==0x53BB /*去*/ ) return 0;
        h->y = year; h->m = 6; h->d = 30; return 9;
      }
      return 0;
    case 0x4E0B: /* 下 */
      if( at(z, i, n, "下半年") ){ h->y = year; h->m = 12; h->d = 31; return 9; }
      return 0;
    case 0x56FD: /* 国 */
      if( at(z, i, n, "国庆节前") || at(z, i, n, "国庆前") ){
        h->y = year; h->m = 9; h->d = 30;
        return at(z, i, n, "国庆节前") ? 12 : 9;
      }
      return 0;
    case 0x6C5B: /* 汛 */
    case 0x4E3B: /* 主 */
      if( at(z, i, n, "汛期前") || at(z, i, n, "主汛期前") || at(z, i, n, "汛前") ){
        h->y = year; h->m = 5; h->d = 31;
        return at(z, i, n, "主汛期前") ? 12 : at(z, i, n, "汛期前") ? 9 : 6;
      }
      return 0;
    case 0x524D: /* 前 */
    case 0x7B2C: /* 第 */
      return quarter_at(z, i, n, year, h);
  }
  /* the numerals: 二〇三五年, a year written in Chinese digits */
  if( at(z, i, n, "二〇") || at(z, i, n, "二零") ){
    int y = 0, q = i;
    for(int k=0; k<4; k++){
      int dg = cn_digit(u8(z+q, &e));
      if( dg<0 || dg>9 ) return 0;
      y = y*10 + dg;
      q += e;
    }
    if( !at(z, q, n, "年") || y<year || y>year+30 ) return 0;
    if( y==year && !(prev==0x5230 || prev==0x81F3 || prev==0x4E8E) ) return 0;
    if( at(z, q+3, n, "以来") || at(z, q+3, n, "起") || at(z, q+3, n, "远景") ) return 0;
    h->y = y; h->m = 12; h->d = 31;
    return q + 3 - i;
  }
  int len = quarter_at(z, i, n, year, h);
  if( len ) return len;
  len = five_year_at(z, i, n, s, year, h);
  if( len ) return len;
  if( (len = years_span_at(z, i, n, year, h))>0 ) return len;
  /* M月底前 with a Chinese month: 六月底前 */
  if( cn_digit(u8(z+i, &e))>=1 && cn_digit(u8(z+i, &e))<=10 && prev!=0x5341 ){
    int d0 = cn_digit(prev);
    if( d0>=0 ) return 0;
    len = period_after_year(z, i, n, year, h, 0);
    return len>0 ? len : 0;
  }
  return 0;
}

/* See xtext.h: the first deadline in P[iStart, iEnd). Returns its length in
** bytes (0 when none), its start in *piPos, and fills d (explicit, date,
** text, span). */
int deadline_find(Ctx *c, int iStart, int iEnd, XDeadline *d, int *piPos){
  const char *z = c->P.a;
  /* the lead and second bytes of the characters below, a first filter */
  static const uint64_t aFirst[16] = {
    [0x4] = LEAD2(0xB8) | LEAD2(0xB9) | LEAD2(0xBA) | LEAD2(0xBB),
    [0x5] = LEAD2(0x85) | LEAD2(0x89) | LEAD2(0x8D) | LEAD2(0x90) | LEAD2(0x9B) | LEAD2(0xB9),
    [0x6] = LEAD2(0x98) | LEAD2(0x9C) | LEAD2(0xB1),
    [0x7] = LEAD2(0xAC),
  };
  for(int i=iStart; i<iEnd; ){
    Hit h;
    unsigned char lead = (unsigned char)z[i];
    int k = u8_len(lead);
    /* a deadline starts with a digit or one of 明后年今全本上下汛主前第十
    ** 一…九国未; their UTF-8 lead and second bytes fall in few places */
    if( !(lead>='0' && lead<='9') ){
      if( k!=3 || i+2>=iEnd || !lead2_in(aFirst, z+i) ){ i += k; continue; }
      unsigned w = (unsigned)lead<<16 | (unsigned)(unsigned char)z[i+1]<<8 | (unsigned char)z[i+2];
      switch( w ){
        case 0xE6988E: case 0xE5908E: case 0xE5B9B4: case 0xE4BB8A: case 0xE585A8: /* 明后年今全 */
        case 0xE69CAC: case 0xE4B88A: case 0xE4B88B: case 0xE6B19B: case 0xE4B8BB: /* 本上下汛主 */
        case 0xE5898D: case 0xE7ACAC: case 0xE58D81: case 0xE4B880: case 0xE4BA8C: /* 前第十一二 */
        case 0xE4B889: case 0xE59B9B: case 0xE4BA94: case 0xE585AD: case 0xE4B883: /* 三四五六七 */
        case 0xE585AB: case 0xE4B99D: case 0xE59BBD: case 0xE69CAA:                 /* 八九国未 */
          break;
        default:
          i += 3;
          continue;
      }
    }
    int len = deadline_at(z, i, iEnd, iStart, c->p->year, &h);
    if( len>0 ){
      date_format(d->zDate, h.y, h.m, h.d);
      d->explicit = 1;
      d->zText = ctx_text(c, i, i + len);
      d->span = ctx_span(c, i, i + len);
      *piPos = i;
      return len;
    }
    i += k;
  }
  return 0;
}

/* Count a year mention in the tally a[] (indexed by year-2000). */
static void tally(int *a, int y, int w){
  if( y>=2000 && y<2100 ) a[y-2000] += w;
}

/* See xtext.h: the plan year named by the report itself, or 0. From the
** plan part's title ("2026年工作安排"), the report title, the date line,
** the review's title (+1), else the year most often written. */
int year_guess(Ctx *c){
  const char *z = c->P.a;
  Extraction *p = c->p;
  for(int i=0; i<p->nNode; i++){
    const char *t = p->aNode[i].zTitle;
    if( p->aNode[i].level>1 || t==0 || strlen(t)<7 ) continue;
    int y = atoi(t);
    if( y<1990 || y>2100 || strncmp(t+4, "年", 3)!=0 ) continue;
    if( p->aNode[i].partKind==PART_PLAN ) return y;
    if( p->aNode[i].partKind==PART_REVIEW ) return y + 1;
  }
  for(int i=0; i<c->nPara; i++){
    Para *q = &c->aPara[i];
    if( q->kind!=PARA_FRONT ) continue;
    for(int j=q->iStart; j+7<=q->iEnd; j++){
      if( z[j]>='1' && z[j]<='2' && at(z, j+4, q->iEnd, "年") ){
        int y = atoi(z+j);
        if( y>=1990 && y<=2100 && (j==q->iStart || z[j-1]<'0' || z[j-1]>'9') ) return y;
      }
    }
  }
  int aCount[100] = {0};
  for(int j=0; j+7<=(int)c->P.n; j++){
    if( z[j]=='2' && z[j+1]=='0' && z[j+2]>='0' && z[j+2]<='9' && z[j+3]>='0' && z[j+3]<='9'
        && at(z, j+4, (int)c->P.n, "年") && (j==0 || z[j-1]<'0' || z[j-1]>'9') ){
      int y = atoi(z+j);
      int w = 1;
      if( at(z, j+7, (int)c->P.n, "底") || at(z, j+7, (int)c->P.n, "工作安排") ) w = 3;
      tally(aCount, y, w);
    }
  }
  int best = 0;
  for(int y=0; y<100; y++) if( aCount[y] && aCount[y]>=aCount[best] ) best = y;
  return aCount[best] ? 2000 + best : 0;
}

/* See xtext.h: the period a heading of the plan names for all the tasks
** under it: "二、“十五五”时期的主要目标任务" → 2030-12-31, "今后五年的
**目标任务" → year+4.  Only a heading about goals or tasks that does not
** also name the plan year counts ("…和2026年重点工作" does not).  Returns
** 1 and fills d (explicit, with the heading's words), else 0. */
int deadline_of_heading(Ctx *c, const XNode *n, XDeadline *d){
  const char *z = n->zTitle;
  int nz = (int)strlen(z);
  int year = c->p->year, y = 0, iAt = -1, nLen = 0;
  if( !(strstr(z, "目标") || strstr(z, "任务") || strstr(z, "安排") || strstr(z, "规划纲要")) ) return 0;
  if( strstr(z, c->zYearWord) ) return 0;
  for(int i=0; i+9<=nz; i++){
    int e;
    /* "…第十五个五年规划纲要（草案）》的说明" */
    if( at(z, i, nz, "第十") && at(z, i+9, nz, "个五年") ){
      int dg = cn_digit(u8(z+i+6, &e));
      if( dg>=1 && dg<=9 ){ y = 1955 + 5*(10 + dg); iAt = i; nLen = 18; break; }
    }
    if( at(z, i, nz, "十") ){
      int dg = cn_digit(u8(z+i+3, &e));
      /* (the period ahead: "“十四五”时期发展成就和“十五五”时期主要目标任务") */
      if( dg>=1 && dg<=9 && at(z, i+6, nz, "五") && 1955 + 5*(10 + dg)>=year ){
        y = 1955 + 5*(10 + dg); iAt = i; nLen = 9; break;
      }
    }
    if( at(z, i, nz, "今后五年") || at(z, i, nz, "未来五年") ){ y = year + 4; iAt = i; nLen = 12; break; }
  }
  if( y<year || iAt<0 ) return 0;
  date_format(d->zDate, y, 12, 31);
  d->explicit = 1;
  d->zText = xstrndup(z + iAt, (size_t)nLen);
  d->span = n->span;
  return 1;
}
