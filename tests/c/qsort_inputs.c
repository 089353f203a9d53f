#define _GNU_SOURCE
// qsort and qsort_r on sizes 0..299, sorted/reversed/equal/few-distinct inputs, 4-byte and 41-byte elements.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static unsigned s=12345; static unsigned rnd(void){ s^=s<<13; s^=s>>17; s^=s<<5; return s; }
static int ci(const void*a,const void*b){int x=*(int*)a,y=*(int*)b; return (x>y)-(x<y);}
struct big { int k; char pad[37]; };
static int cb(const void*a,const void*b){ return ci(a,b); }
static int cr(const void*a,const void*b, void *arg){ (*(long*)arg)++; return ci(a,b); }
int main(){
  for (int n=0;n<300;n++) for (int mode=0;mode<6;mode++){
    int *v=malloc(sizeof(int)*(n+1)); for(int i=0;i<n;i++) v[i]= mode==0?rnd()%1000: mode==1?i: mode==2?n-i: mode==3?7: mode==4?rnd()%3 : (i%2? i: n-i);
    qsort(v,n,sizeof *v,ci); for(int i=1;i<n;i++) if(v[i-1]>v[i]){printf("FAIL %d %d\n",n,mode);return 1;} free(v);
    struct big *b=malloc(sizeof(struct big)*(n+1)); long sum=0,sum2=0; for(int i=0;i<n;i++){b[i].k=rnd()%50; memset(b[i].pad,b[i].k,37); sum+=b[i].k;}
    qsort(b,n,sizeof *b,cb); for(int i=0;i<n;i++){ sum2+=b[i].k; if(b[i].pad[36]!=(char)b[i].k||(i&&b[i-1].k>b[i].k)){printf("FAILB %d\n",n);return 1;}} if(sum!=sum2){puts("FAILS");return 1;} free(b);
  }
  long calls=0; int *v=malloc(4*100000); for(int i=0;i<100000;i++) v[i]=rnd(); qsort_r(v,100000,4,cr,&calls);
  for(int i=1;i<100000;i++) if(v[i-1]>v[i]){puts("FAILR");return 1;}
  puts("ok"); return 0;
}
