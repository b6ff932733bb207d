/*
** tasks.c -- the tasks: every sentence (or clause list ending in ；) of the
** plan part, split at its commas when it gives different parts different
** deadlines; each with its targets, its deadline and the units named in
** the text (（牵头单位：…）).
*/
#include "xtext.h"
#include <stdio.h>
#include <stdlib.h>

/* True when z[a..b) holds a Han character. */
static int has_han(const char *z, int a, int b){
  for(int i=a; i<b; ){
    int k;
    if( is_han(u8(z+i, &k)) ) return 1;
    i += k;
  }
  return 0;
}

/* Units named in a paragraph: "（牵头单位：人社厅、财政厅）". */
typedef struct Dept Dept;
struct Dept {
  int iEnd;          /* P offset just after the closing parenthesis */
  char **az;         /* the names */
  int n;
};

/* Find the named-unit notes of P[a, b); returns how many (at most nMax). */
static int find_depts(Ctx *c, int a, int b, Dept *aDept, int nMax){
  const char *z = c->P.a;
  static const char *azKey[] = {"牵头单位", "责任单位", "牵头部门", "责任部门", "主责单位"};
  int nDept = 0;
  for(int i=a; i<b && nDept<nMax; i++){
    int k;
    /* the next ( or （: a note opens with one */
    const char *z1 = memchr(z+i, '(', (size_t)(b-i));
    int i2 = find_n(z, i, b, "（", 3);
    if( z1==0 && i2<0 ) break;
    if( i2<0 || (z1 && z1-z<i2) ){ i = (int)(z1 - z); k = 1; }
    else{ i = i2; k = 3; }
    int j = i + k, bKey = 0;
    for(size_t m=0; m<sizeof(azKey)/sizeof(*azKey); m++){
      if( at(z, j, b, azKey[m]) ){ j += (int)strlen(azKey[m]); bKey = 1; break; }
    }
    if( !bKey ) continue;
    if( j<b && is_colon(u8(z+j, &k)) ) j += k;
    Dept *d = &aDept[nDept];
    d->az = 0; d->n = 0;
    int nAlloc = 0, s = j;
    while( j<b ){
      unsigned ch = u8(z+j, &k);
      if( is_rparen(ch) || ch==0x3001 || is_comma(ch) || ch==' ' || is_semicolon(ch) ){
        if( j>s ){
          char **pz = ARRAY_PUSH(d->az, d->n, nAlloc);
          *pz = xstrndup(z+s, (size_t)(j-s));
        }
        s = j + k;
        if( is_rparen(ch) ) break;
      }
      j += k;
    }
    d->iEnd = j + k;
    nDept++;
    i = j;
  }
  return nDept;
}

/* Copy the names of d to task t. */
static void task_set_depts(XTask *t, const Dept *d){
  t->azDept = xmalloc(sizeof(char*) * (size_t)(d->n ? d->n : 1));
  for(int k=0; k<d->n; k++) t->azDept[k] = xstrdup(d->az[k]);
  t->nDept = d->n;
}

/* Remove the last task of p and free what it owns. */
static void task_free_last(Extraction *p){
  xtask_free(&p->aTask[--p->nTask]);
}

/* The period heading iNode names for the tasks under it (see
** deadline_of_heading), asked once per heading and kept in c->aHeadDl.
** Returns 1 and fills d with a copy the caller owns, else 0. */
static int heading_deadline(Ctx *c, int iNode, XDeadline *d){
  if( c->aHeadDl==0 ) c->aHeadDl = xcalloc((size_t)c->p->nNode + 1, sizeof(*c->aHeadDl));
  HeadDl *h = &c->aHeadDl[iNode];
  if( h->state==0 ) h->state = deadline_of_heading(c, &c->p->aNode[iNode], &h->d) ? 2 : 1;
  if( h->state==1 ) return 0;
  *d = h->d;
  d->zText = xstrdup(h->d.zText);
  return 1;
}

/* Add one task for P[s, e) under node iNode; bDeadline says whether the
** text may name a deadline (else the search is skipped). */
static XTask *add_task(Ctx *c, int iNode, int s, int e, int bDeadline){
  Extraction *p = c->p;
  const char *z = c->P.a;
  while( s<e && z[s]==' ' ) s++;
  while( e>s && z[e-1]==' ' ) e--;
  XTask *t = ARRAY_PUSH(p->aTask, p->nTask, p->nTaskAlloc);
  t->iNode = iNode;
  t->span = ctx_span(c, s, e);
  t->zText = ctx_text(c, s, e);
  targets_find(c, t, s, e);
  /* the deadline: the last one named, else the end of the plan year */
  XDeadline d;
  int iPos, i = s, len;
  memset(&t->deadline, 0, sizeof(t->deadline));
  memcpy(t->deadline.zDate, c->zYearEnd, sizeof(t->deadline.zDate));
  while( bDeadline && i<e && (len = deadline_find(c, i, e, &d, &iPos))>0 ){
    free(t->deadline.zText);
    t->deadline = d;
    i = iPos + len;
  }
  /* none named: the period of the goal list this sentence belongs to */
  if( !t->deadline.explicit && c->bListScope ){
    t->deadline = c->listScope;
    t->deadline.zText = xstrdup(c->listScope.zText);
    /* a list run inline ("即：…；…；…。") ends with its sentence */
    if( c->bListInline && is_sentence_end(cp_before(z, e)) ){
      free(c->listScope.zText);
      c->bListScope = 0;
    }
  }
  /* a sentence that opens a list of goals for a later period ("…今后五年
  **经济社会发展目标，即：…；") */
  const char *zGoal;
  if( t->deadline.explicit && atoi(t->deadline.zDate)>p->year
      && (((strstr(t->zText, "以下") || strstr(t->zText, "如下")) && strstr(t->zText, "目标"))
          || strstr(t->zText, "目标：") || strstr(t->zText, "举措：") || strstr(t->zText, "任务：")
          || strstr(t->zText, "目标是：")
          || (strstr(t->zText, "目标") && is_colon(cp_before(t->zText, (int)strlen(t->zText))))
          || ((zGoal = strstr(t->zText, "目标")) && strstr(zGoal, "即："))) ){
    if( c->bListScope ) free(c->listScope.zText);
    c->listScope = t->deadline;
    c->listScope.zText = xstrdup(t->deadline.zText);
    c->bListScope = 1;
    c->bListInline = is_semicolon(cp_before(z, e));
  }
  /* none named: the period a heading above names ("十五五"时期主要目标任务) */
  /* (only for the sections under such a heading: the guidance right under
  ** it keeps the plan year) */
  for(int j=iNode>=0 ? p->aNode[iNode].iParent : -1; !t->deadline.explicit && j>=0; j=p->aNode[j].iParent){
    if( p->aNode[j].level<=2 && heading_deadline(c, j, &d) ) t->deadline = d;
  }
  return t;
}

/* Add the tasks of one sentence P[s, e): split at commas so that each part
** carries one deadline when the sentence names several different ones. */
static void sentence_tasks(Ctx *c, int iNode, int s, int e){
  const char *z = c->P.a;
  int aCut[16], nCut = 0;
  char zLast[11] = "";
  int iLastHit = s, iFrom = s, nHit = 0;
  XDeadline d;
  int iPos, len;
  while( iFrom<e && (len = deadline_find(c, iFrom, e, &d, &iPos))>0 ){
    if( zLast[0] && strcmp(zLast, d.zDate)!=0 && nCut<16 ){
      /* cut at the last comma between the previous deadline and this one */
      int iCut = -1;
      for(int j=iLastHit; j<iPos; ){
        int k;
        if( is_comma(u8(z+j, &k)) || is_semicolon(u8(z+j, &k)) ) iCut = j + k;
        j += k;
      }
      if( iCut>0 ) aCut[nCut++] = iCut;
    }
    memcpy(zLast, d.zDate, sizeof(zLast));
    nHit++;
    free(d.zText);
    iLastHit = iPos + len;
    iFrom = iLastHit;
  }
  int a = s;
  for(int k=0; k<nCut; k++){
    add_task(c, iNode, a, aCut[k], 1);
    a = aCut[k];
  }
  add_task(c, iNode, a, e, nHit>0);
}

/* End of the sentence starting at s in P[s, b): just after its 。！？；
** (and a closing quote or bracket that follows), or b. Marks inside
** quotes do not end the sentence. */
static int sentence_end(const char *z, int s, int b){
  int depth = 0, paren = 0;
  for(int i=s; i<b; ){
    int k;
    unsigned char lead = (unsigned char)z[i];
    /* only ASCII punctuation and the E2/E3/EF blocks (“”《》「」。！？；)
    ** matter here: skip every other character whole */
    if( lead>=0x80 ? (lead!=0xE2 && lead!=0xE3 && lead!=0xEF)
                   : (lead!='!' && lead!='?' && lead!=';') ){
      i += u8_len(lead);
      continue;
    }
    unsigned ch = u8(z+i, &k);
    i += k;
    if( ch==0x201C || ch==0x300A || ch==0x300C ) depth++;
    else if( (ch==0x201D || ch==0x300B || ch==0x300D) && depth>0 ) depth--;
    else if( ch==0xFF08 ) paren++;                  /* （ */
    else if( ch==0xFF09 && paren>0 ) paren--;       /* ） */
    else if( paren>0 && is_semicolon(ch) ) continue;   /* "（五个坚持：…；六个稳：…）" */
    else if( depth==0 && (is_sentence_end(ch) || is_semicolon(ch)) ){
      while( i<b ){
        unsigned c2 = u8(z+i, &k);
        if( c2==0x201D || c2==0x2019 || is_rparen(c2) || c2==0x300B ) i += k; else break;
      }
      return i;
    }
  }
  return b;
}

/* True for a sentence that is no commitment although it stands in the
** plan: a look back ("这一年，我们…", "过去一年…", "一年来…") or the
** narration of a news page about the session ("县长某某作政府工作报告",
** "会议表决通过了…", "报告共分三部分"). */
static int not_commitment(const char *z, int s, int e){
  static const char *azLead[] = {
    "这一年", "过去一年", "过去的一年", "一年来", "去年以来", "过去五年", "五年来", "这五年",
    "会议应出席", "会议表决", "会议书面", "会议听取", "会议审议", "报告共分", "全体起立",
    /* a rallying cry, not a commitment: "只要我们勠力同心…就一定能…" */
    "只要我们", "展望未来", "我们坚信", "我们相信", "我们深知", "我们有信心", "团结就是力量",
    /* a reading of the situation or of the plan itself */
    "总体来看", "我们既要看到", "更要看到", "在规划编制过程中", "这些指标", "以上这些目标",
  };
  while( s<e && z[s]==' ' ) s++;
  for(size_t k=0; k<sizeof(azLead)/sizeof(*azLead); k++){
    if( at(z, s, e, azLead[k]) ) return 1;
  }
  /* what a period or a year is: "“十五五”时期是…的关键时期",
  ** "2026年是中国共产党成立105周年" */
  {
    int i = s;
    if( at(z, i, e, "“") ) i += 3;
    if( at(z, i, e, "十") && at(z, i+6, e, "五") ){
      int j = i + 9;
      if( at(z, j, e, "”") ) j += 3;
      if( at(z, j, e, "时期是") ) return 1;
    }
    if( e - s > 12 && z[s]>='1' && z[s]<='2' && at(z, s+4, e, "年是中国共产党成立") ) return 1;
  }
  /* an address to the deputies ("各位代表，蓝图已经绘就…") unless it
  ** names a figure ("各位代表，今年再办好20件民生实事") */
  if( at(z, s, e, "各位代表") || at(z, s, e, "同志们") ){
    int bDigit = 0;
    for(int i=s; i<e && !bDigit; i++) bDigit = (z[i]>='0' && z[i]<='9') || at(z, i, e, "件");
    if( !bDigit ) return 1;
  }
  /* one pass for 审 (E5 AE A1) and 工作报告 (E5 B7 A5 …) */
  int bShen = 0, bRep = 0;
  for(int i=s; i+3<=e; i += u8_len((unsigned char)z[i])){
    if( (unsigned char)z[i]!=0xE5 ) continue;
    if( at(z, i, e, "审") ) bShen = 1;
    else if( at(z, i, e, "工作报告") ) bRep = 1;
  }
  if( bShen && (memmem(z+s, (size_t)(e-s), "大会审查", 12)
      || memmem(z+s, (size_t)(e-s), "请予审议", 12) || memmem(z+s, (size_t)(e-s), "一并审议", 12)) ) return 1;
  const char *zRep = bRep && e - s < 200 ? memmem(z+s, (size_t)(e-s), "工作报告", 12) : 0;
  if( zRep ){
    const char *zZuo = memmem(z+s, (size_t)(zRep - (z+s)), "作", 3);
    if( zZuo && zRep - zZuo <= 90 && !memmem(zRep, (size_t)(z+e-zRep), "确定", 6)
        && !memmem(zRep, (size_t)(z+e-zRep), "部署", 6) ) return 1;
  }
  return 0;
}

/* True when a paragraph opens by looking back: a past five-year period
** ("“十四五”时期是极不平凡的五年" in a 2026 report), "这五年", "五年来",
** "过去五年", "“十四五”以来", "“十四五”时期，上海发展…". */
static int looks_back(Ctx *c, const char *z, int a, int b){
  static const char *azLead[] = {"这五年", "五年来", "过去五年", "过去的五年", "这一年", "一年来",
                                 "过去一年", "过去的一年"};
  for(size_t k=0; k<sizeof(azLead)/sizeof(*azLead); k++){
    if( at(z, a, b, azLead[k]) ) return 1;
  }
  int i = a, k;
  if( at(z, i, b, "“") ) i += 3;
  if( at(z, i, b, "十") && at(z, i+6, b, "五") ){
    int d = cn_digit(u8(z+i+3, &k));
    if( d>=1 && d<=9 && 1955 + 5*(10 + d) < c->p->year ){
      int j = i + 9;
      if( at(z, j, b, "”") ) j += 3;
      return at(z, j, b, "时期是") || at(z, j, b, "以来") || at(z, j, b, "期间，") || at(z, j, b, "时期，")
          || at(z, j, b, "期间");
    }
  }
  return 0;
}

/* See xtext.h. */
void tasks_build(Ctx *c){
  const char *z = c->P.a;
  snprintf(c->zYearEnd, sizeof(c->zYearEnd), "%04u-12-31", (unsigned)c->p->year % 10000u);
  snprintf(c->zYearWord, sizeof(c->zYearWord), "%u年", (unsigned)c->p->year % 10000u);
  for(int ip=0; ip<c->nPara; ip++){
    Para *q = &c->aPara[ip];
    if( q->kind!=PARA_BODY || q->partKind!=PART_PLAN ) continue;
    int a = q->iBody, b = q->iEnd;
    /* a goal list goes on only through items: "——…" paragraphs or numbered
    ** items; a heading or any other paragraph ends it */
    /* ("围绕上述目标，…提出了…：一是…；二是…" right after the list goes on
    ** with the goals' period) */
    int bAbove = at(z, q->iBody, q->iEnd, "围绕上述目标") || at(z, q->iBody, q->iEnd, "为实现上述目标");
    if( c->bListScope && !bAbove
        && (q->iNode>=0 || !(at(z, q->iStart, q->iEnd, "——") || q->iBody>q->iStart)) ){
      free(c->listScope.zText);
      c->bListScope = 0;
    }
    if( a>=b ) continue;
    /* a short line with no sentence mark is a heading, not a task */
    /* a line with no sentence mark is a heading or a subtitle, not a task */
    if( b - a < 200 && sentence_end(z, a, b)==b && !is_sentence_end(cp_before(z, b))
        && !is_semicolon(cp_before(z, b)) && !is_colon(cp_before(z, b))
        && utf8_count(z + a, (size_t)(b - a)) <= 60 ) continue;
    /* a paragraph that looks back ("这五年，…", "“十四五”时期是极不平凡的五年")
    ** is the review, even inside a plan part */
    if( looks_back(c, z, a, b) ) continue;
    Dept aDept[32];
    int nDept = find_depts(c, a, b, aDept, 32);
    int iFirstTask = c->p->nTask;
    int bFirst = 1;
    int iOwner = q->iOwner, iIn = q->nInline>0 ? q->iInline : -1, iInEnd = iIn + q->nInline;
    for(int s=a; s<b; ){
      int e = sentence_end(z, s, b);
      if( bFirst && q->bRunIn ){ bFirst = 0; s = e; continue; }
      bFirst = 0;
      /* an inline heading: not a task; the sentences after it are its own */
      int s0 = s;
      while( s0<e && z[s0]==' ' ) s0++;
      if( iIn>=0 && iIn<iInEnd && c->aInline[iIn].iStart==s0 ){
        /* (kept as a task too when it names a number or a deadline) */
        iOwner = c->aInline[iIn].iNode;
        iIn++;
        int nBefore = c->p->nTask;
        sentence_tasks(c, iOwner, c->aInline[iIn-1].iStart, e);
        while( c->p->nTask>nBefore ){
          XTask *t = &c->p->aTask[c->p->nTask-1];
          if( t->nTarget || t->deadline.explicit ) break;
          task_free_last(c->p);
        }
        s = e;
        continue;
      }
      if( has_han(z, s, e) && !not_commitment(z, s, e) ) sentence_tasks(c, iOwner, s, e);
      s = e;
    }
    /* units named in the text go to the tasks before the note */
    int iDept = 0;
    for(int k=iFirstTask; k<c->p->nTask && iDept<nDept; k++){
      XTask *t = &c->p->aTask[k];
      task_set_depts(t, &aDept[iDept]);
      /* the task that holds the note ends this unit's run */
      int tEnd = t->span.iEnd;
      XSpan sd = ctx_span(c, aDept[iDept].iEnd - 1, aDept[iDept].iEnd);
      if( tEnd>=sd.iEnd ) iDept++;
    }
    for(int k=0; k<nDept; k++){
      for(int m=0; m<aDept[k].n; m++) free(aDept[k].az[m]);
      free(aDept[k].az);
    }
  }
  if( c->bListScope ){
    free(c->listScope.zText);
    c->bListScope = 0;
  }
  if( c->aHeadDl ){
    for(int i=0; i<c->p->nNode; i++) if( c->aHeadDl[i].state==2 ) free(c->aHeadDl[i].d.zText);
    free(c->aHeadDl);
    c->aHeadDl = 0;
  }
}
