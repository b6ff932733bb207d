/*
** units.c -- the built-in unit catalogue and the suggestion of responsible
** units (see units.h).
*/
#include "units.h"
#include <stdlib.h>
#include <string.h>

/*
** A typical district (区/县) government's departments and towns, then the
** provincial and city departments that reports name as lead units.  Names
** are as a 重点任务分解表 writes them; aliases are the other names seen in
** reports; keywords are words of task texts that point at the unit.
*/
const UnitDef aUnitCatalogue[] = {
  {"发改局", "department", "区发改局,发展和改革局,区发展和改革局,发展改革局,发改委",
   "重大项目,重点项目,项目建设,固定资产投资,有效投资,专项债,中央预算内,规划纲要,十五五,"
   "价格,以工代赈,新型城镇化,节能,服务业,社会信用,项目谋划"},
  {"工信局", "department", "区工信局,工业和信息化局,工业信息化局,经信局",
   "工业,制造业,技改,技术改造,专精特新,数字经济,中小企业,规上工业,小升规,产业链,"
   "智能制造,新材料,工业园区,首台套,5G,两化融合,工业企业"},
  {"科技局", "department", "区科技局,科学技术局",
   "科技,创新平台,高新技术企业,科技型中小企业,研发,科创,技术中心,成果转化,孵化,"
   "产学研,科技特派员,创新主体,科技资金"},
  {"教育局", "department", "区教育局,教育和体育局,教体局,教育科技局",
   "学校,教育,学位,幼儿园,教师,中小学,义务教育,学前,高中,职业教育,校园,学生,双减,"
   "托管,课后服务,校舍"},
  {"公安分局", "department", "区公安分局,公安局",
   "公安,治安,电信网络诈骗,诈骗,犯罪,扫黑除恶,警务,交通秩序,禁毒,反诈"},
  {"民政局", "department", "区民政局",
   "养老,民政,社会救助,低保,特困,殡葬,婚姻登记,慈善,老年人,居家养老,助餐,老年食堂,"
   "儿童福利,留守儿童,社会组织,社区养老,养老服务"},
  {"司法局", "department", "区司法局",
   "法治政府,普法,司法,公共法律服务,人民调解,法律援助,行政复议,法治"},
  {"财政局", "department", "区财政局",
   "财政,预算,政府债务,债务风险,财源,国库,一般公共预算,财政收入,隐性债务,化债,"
   "过紧日子,三保"},
  {"人社局", "department", "区人社局,人力资源和社会保障局,人力资源社会保障局,人社",
   "就业,社保,社会保险,养老保险,技能,职业技能,工资,劳动,创业,农民工,职称,高校毕业生,"
   "零就业,欠薪,根治欠薪,人才,招聘,见习"},
  {"自然资源分局", "department", "规划和自然资源局,自然资源局,区自然资源分局,规划分局,自然资源和规划局",
   "土地,用地,国土空间,不动产,矿产,自然资源,闲置土地,批而未供,耕地保护,土地供应,"
   "地质灾害,测绘,占补平衡,规划编制"},
  {"生态环境分局", "department", "区生态环境分局,生态环境局,环保局",
   "生态环境,污染,大气,空气质量,PM2.5,水质,环保,碳排放,减排,固废,优良天数,土壤,"
   "环境督察,污染防治,蓝天,碧水,净土,断面"},
  {"住建局", "department", "区住建局,住房和城乡建设局,住房城乡建设局,住建委",
   "老旧小区,城市更新,保障性住房,保障房,物业,住房,房地产,建筑业,燃气,供热,排水,"
   "管网,海绵城市,棚户区,房屋,危房,城中村,市政,供暖,住宅,好房子"},
  {"交通运输局", "department", "区交通运输局,交通局",
   "公路,道路,桥梁,公交,交通,农村公路,四好农村路,客运,高速,铁路,运输,路网,城乡公交,"
   "停车场,物流"},
  {"水利局", "department", "区水利局,水务局",
   "水利,水库,河道,防汛,灌溉,供水,节水,河长制,水土保持,饮水,水资源,引水,堤防,"
   "农村饮水,水系"},
  {"农业农村局", "department", "区农业农村局,农业农村和水利局,农业局,乡村振兴局",
   "农业,农村,粮食,高标准农田,乡村振兴,养殖,种植,农产品,农民增收,合作社,村集体,"
   "和美乡村,农机,畜牧,蔬菜,人居环境,农村厕所,耕地,种业,特色农业,防止返贫,脱贫,"
   "宅基地,农文旅"},
  {"商务局", "department", "区商务局,商务和投资促进局",
   "消费,商贸,外贸,进出口,电商,电子商务,商业,餐饮,步行街,夜经济,限额以上,"
   "社会消费品零售,以旧换新,外资,会展,商圈"},
  {"文旅局", "department", "区文旅局,文化和旅游局,文化旅游局,文化旅游体育局,文旅体局,文化和旅游体育局",
   "文化,旅游,景区,文旅,文物,非遗,博物馆,图书馆,演出,全民健身,体育,赛事,游客,民宿,"
   "文化馆,A级景区"},
  {"卫健局", "department", "区卫健局,卫生健康局,卫生健康委员会,卫健委",
   "医疗,医院,卫生,健康,疾病,医共体,家庭医生,托育,公共卫生,疫苗,妇幼,中医,卫生院,"
   "村卫生室,医疗服务,婴幼儿"},
  {"退役军人事务局", "department", "区退役军人事务局,退役军人局",
   "退役军人,优抚,双拥,拥军,军人"},
  {"应急管理局", "department", "区应急管理局,应急局",
   "安全生产,应急,消防,防灾,减灾,危险化学品,危化品,隐患,救援,森林防火,防汛抗旱,"
   "自然灾害,应急预案,安全隐患"},
  {"审计局", "department", "区审计局", "审计"},
  {"国资中心", "department", "国资,国资委,国资局,国有资产服务中心,区国资中心,国有资产监督管理局",
   "国有企业,国企,国资,国有资本,国有资产,平台公司,国企改革"},
  {"市场监管局", "department", "区市场监管局,市场监督管理局,市场监管",
   "市场监管,食品安全,药品,质量,计量,标准化,特种设备,经营主体,知识产权,商标,"
   "市场主体,市场秩序,消费者,放心消费"},
  {"统计局", "department", "区统计局", "统计,普查,经济普查"},
  {"医保局", "department", "区医保局,医疗保障局,医保分局",
   "医保,医疗保障,医疗保险,参保,医保基金"},
  {"城管局", "department", "城市管理局,综合行政执法局,城市管理和综合执法局,区城管局,城管执法局",
   "城市管理,市容,环卫,垃圾,垃圾分类,停车,违法建设,违建,园林,绿化,路灯,照明,城管,"
   "公厕,口袋公园,公园"},
  {"行政审批局", "department", "行政审批服务管理局,区行政审批局,审批局,政务服务中心,数据和政务服务局",
   "审批,政务服务,一件事,一网通办,告知承诺,容缺,营商环境,帮办代办,一窗受理,"
   "12345,政务服务中心"},
  {"信访局", "department", "区信访局", "信访,矛盾纠纷,化解"},
  {"林业局", "department", "区林业局,林业和草原局,林草局",
   "造林,林业,森林,国土绿化,林长制,草原,湿地,自然保护区"},
  {"能源局", "department", "区能源局,能源服务中心",
   "能源,煤炭,光伏,风电,新能源,电力,储能,氢能,充电桩,煤矿,电网"},
  {"投资促进中心", "department", "投促中心,招商局,区投资促进中心,投资促进局",
   "招商,引资,签约,招商引资,落地项目,客商,产业招商,以商招商"},
  {"数据局", "department", "数据管理局,大数据中心,大数据局,区数据局",
   "数字政府,大数据,算力,政务数据,数据要素,智慧城市,数字化"},
  {"税务局", "department", "区税务局,税务分局", "税收,税务,减税降费,纳税"},
  {"金融服务中心", "department", "金融办,地方金融监管局,金融局",
   "金融,贷款,信贷,融资,上市,担保,普惠金融,企业上市,金融风险"},
  {"残联", "department", "区残联,残疾人联合会", "残疾人,助残,康复"},
  {"开发区管委会", "department", "经开区管委会,经济技术开发区,开发区,高新区管委会",
   "开发区,园区,产业园,经开区,高新区"},
  {"各镇（街道）", "town", "各镇,各街道,各乡镇,各镇街,各乡镇（街道）,镇街",
   "网格,社区,街道,乡镇,行政村,村级,村庄"},
  /* Provincial and city departments, for reports that name them. */
  {"省发改委", "upper", "发改委,发展改革委,省发展改革委,市发改委", ""},
  {"省教育厅", "upper", "教育厅", ""},
  {"省科技厅", "upper", "科技厅", ""},
  {"省工信厅", "upper", "工信厅,工业和信息化厅", ""},
  {"省公安厅", "upper", "公安厅", ""},
  {"省民政厅", "upper", "民政厅", ""},
  {"省司法厅", "upper", "司法厅", ""},
  {"省财政厅", "upper", "财政厅", ""},
  {"省人社厅", "upper", "人社厅,人力资源社会保障厅,人力资源和社会保障厅", ""},
  {"省自然资源厅", "upper", "自然资源厅", ""},
  {"省生态环境厅", "upper", "生态环境厅", ""},
  {"省住建厅", "upper", "住建厅,住房城乡建设厅,住房和城乡建设厅", ""},
  {"省交通运输厅", "upper", "交通运输厅,交通厅", ""},
  {"省水利厅", "upper", "水利厅", ""},
  {"省农业农村厅", "upper", "农业农村厅", ""},
  {"省商务厅", "upper", "商务厅", ""},
  {"省文旅厅", "upper", "文旅厅,文化和旅游厅", ""},
  {"省卫健委", "upper", "省卫生健康委,卫生健康委", ""},
  {"省应急管理厅", "upper", "应急管理厅,应急厅", ""},
  {"省国资委", "upper", "省国资委员会", ""},
  {"省市场监管局", "upper", "省市场监督管理局", ""},
  {"省医保局", "upper", "省医疗保障局", ""},
};
const int nUnitCatalogue = (int)(sizeof(aUnitCatalogue)/sizeof(aUnitCatalogue[0]));

/* Strip one leading level marker (区 县 市 省) when more text follows:
** returns a pointer into z. */
static const char *strip_level(const char *z){
  static const char *az[] = {"区", "县", "市", "省"};
  for(int i=0; i<4; i++){
    size_t n = strlen(az[i]);
    if( strncmp(z, az[i], n)==0 && strlen(z) > n+3 ) return z + n;
  }
  return z;
}

/* True when a and b are the same name, ignoring a leading level marker. */
static int same_name(const char *a, const char *b){
  return strcmp(a, b)==0 || strcmp(strip_level(a), strip_level(b))==0;
}

/* See units.h. */
int list_split(const char *z, char ***paz){
  char **az = 0;
  int n = 0;
  *paz = 0;
  if( z==0 ) return 0;
  const char *p = z;
  while( *p ){
    size_t k = 0;
    /* an item ends at , ， 、 ; ； / or space */
    while( p[k] ){
      if( p[k]==',' || p[k]==';' || p[k]=='/' || p[k]==' ' ) break;
      if( strncmp(p+k, "，", 3)==0 || strncmp(p+k, "、", 3)==0 || strncmp(p+k, "；", 3)==0 ) break;
      k++;
    }
    if( k>0 ){
      az = xrealloc(az, sizeof(char*)*(size_t)(n+1));
      az[n++] = xstrndup(p, k);
    }
    if( p[k]==0 ) break;
    p += k + ((unsigned char)p[k] >= 0x80 ? 3 : 1);
  }
  *paz = az;
  return n;
}

/* See units.h. */
void list_free(char **az, int n){
  for(int i=0; i<n; i++) free(az[i]);
  free(az);
}

/* See units.h. */
int unit_named(const Unit *u, const char *z){
  if( z==0 || z[0]==0 ) return 0;
  if( u->zName && same_name(u->zName, z) ) return 1;
  char **az;
  int n = list_split(u->zAliases, &az), hit = 0;
  for(int i=0; i<n && !hit; i++) hit = same_name(az[i], z);
  list_free(az, n);
  return hit;
}

/* Append the names listed after zKey (e.g. "牵头单位") in zText to *paz;
** the list runs from after the "：" to the next ） ) ； ; 。 or end. */
static void explicit_list(const char *zText, const char *zKey, char ***paz, int *pn){
  const char *p = zText;
  while( (p = strstr(p, zKey))!=0 ){
    p += strlen(zKey);
    if( strncmp(p, "：", 3)==0 ) p += 3;
    else if( *p==':' ) p++;
    else continue;
    size_t k = 0;
    int depth = 0;       /* brackets opened inside the list: 各镇（街道） */
    while( p[k] && p[k]!=')' && p[k]!=';' && strncmp(p+k, "；", 3)!=0 && strncmp(p+k, "。", 3)!=0 ){
      if( strncmp(p+k, "（", 3)==0 ){ depth++; k += 3; continue; }
      if( strncmp(p+k, "）", 3)==0 ){
        if( depth==0 ) break;
        depth--; k += 3; continue;
      }
      k++;
    }
    char *zList = xstrndup(p, k);
    char **az;
    int n = list_split(zList, &az);
    for(int i=0; i<n; i++){
      *paz = xrealloc(*paz, sizeof(char*)*(size_t)(*pn+1));
      (*paz)[(*pn)++] = az[i];
    }
    free(az);
    free(zList);
    p += k;
  }
}

/* Append the names of list z[0..n) ("甲、乙") to *paz. */
static void append_names(const char *z, size_t n, char ***paz, int *pn){
  char *zList = xstrndup(z, n);
  char **az;
  int k = list_split(zList, &az);
  for(int i=0; i<k; i++){
    *paz = xrealloc(*paz, sizeof(char*)*(size_t)(*pn+1));
    (*paz)[(*pn)++] = az[i];
  }
  free(az);
  free(zList);
}

/* Lead and co units written as "（X牵头，Y、Z配合）": each bracket whose
** clauses (split at ， ；) end in 牵头 or 配合/参与. */
static void bracket_lead(const char *zText, char ***pazLead, int *pnLead,
                         char ***pazCo, int *pnCo){
  const char *p = zText;
  while( (p = strstr(p, "（"))!=0 ){
    p += 3;
    const char *zEnd = strstr(p, "）");
    if( zEnd==0 ) break;
    const char *c = p;
    while( c<zEnd ){
      const char *d = c;
      while( d<zEnd && strncmp(d, "，", 3)!=0 && strncmp(d, "；", 3)!=0 ) d++;
      size_t n = (size_t)(d - c);
      if( n>6 && strncmp(d-6, "牵头", 6)==0 ) append_names(c, n-6, pazLead, pnLead);
      else if( n>6 && (strncmp(d-6, "配合", 6)==0 || strncmp(d-6, "参与", 6)==0) ){
        append_names(c, n-6, pazCo, pnCo);
      }
      c = d<zEnd ? d+3 : d;
    }
    p = zEnd + 3;
  }
}

/* See units.h. */
int units_explicit(const char *zText, char ***pazLead, int *pnLead,
                   char ***pazCo, int *pnCo){
  *pazLead = 0; *pnLead = 0;
  *pazCo = 0; *pnCo = 0;
  if( zText==0 ) return 0;
  explicit_list(zText, "牵头单位", pazLead, pnLead);
  explicit_list(zText, "责任单位", pazCo, pnCo);
  explicit_list(zText, "配合单位", pazCo, pnCo);
  explicit_list(zText, "协办单位", pazCo, pnCo);
  /* "（区发改局牵头）", "（区发改局牵头，区财政局、区住建局配合）" */
  if( *pnLead==0 ) bracket_lead(zText, pazLead, pnLead, pazCo, pnCo);
  if( *pnLead==0 && *pnCo>0 ){
    /* only 责任单位: the first one leads */
    *pazLead = xmalloc(sizeof(char*));
    (*pazLead)[0] = (*pazCo)[0];
    *pnLead = 1;
    memmove(*pazCo, *pazCo+1, sizeof(char*)*(size_t)(*pnCo-1));
    (*pnCo)--;
  }
  return *pnLead + *pnCo;
}

/* See units.h. */
int unit_score(const Unit *u, const char *zText){
  char **az;
  int n = list_split(u->zKeywords, &az), score = 0;
  for(int i=0; i<n; i++) if( strstr(zText, az[i]) ) score++;
  list_free(az, n);
  return score;
}

/* See units.h.  The lead is the best score (ties: the earlier unit); a
** co-responsible unit needs at least half the lead's score. */
void units_suggest(const Unit *a, int n, const char *zText, int *piLead,
                   int *aCo, int *pnCo, int nCoMax){
  int *aScore = xcalloc((size_t)(n ? n : 1), sizeof(int));
  int best = -1;
  *pnCo = 0;
  for(int i=0; i<n; i++){
    if( !a[i].active || (a[i].zKind && strcmp(a[i].zKind, "upper")==0) ) continue;
    aScore[i] = unit_score(&a[i], zText);
    if( aScore[i]>0 && (best<0 || aScore[i]>aScore[best]) ) best = i;
  }
  *piLead = best;
  if( best>=0 ){
    int need = (aScore[best]+1)/2;
    while( *pnCo < nCoMax ){
      int pick = -1;
      for(int i=0; i<n; i++){
        if( i==best || aScore[i]<need || aScore[i]==0 ) continue;
        int taken = 0;
        for(int k=0; k<*pnCo; k++) if( aCo[k]==i ) taken = 1;
        if( !taken && (pick<0 || aScore[i]>aScore[pick]) ) pick = i;
      }
      if( pick<0 ) break;
      aCo[(*pnCo)++] = pick;
    }
  }
  free(aScore);
}
