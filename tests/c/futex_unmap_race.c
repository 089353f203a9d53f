// Futex waits on a page that another thread keeps unmapping and re-protecting:
// the engine must never fault reading the futex word.
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>
#define FUTEX_WAIT 0
static int *volatile page;
static volatile int stop;
static void *waiter(void *a){ long n=0; while(!stop){ int *p=page; if(!p) continue; struct timespec ts={0,100000}; syscall(SYS_futex,p+((n*7)&1023),FUTEX_WAIT,0,&ts,0,0); n++; } return (void*)n; }
int main(){ pthread_t t[3]; int *p=mmap(0,4096,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0); page=p;
 for(int i=0;i<3;i++) pthread_create(&t[i],0,waiter,0);
 for(int i=0;i<20000;i++){ if(i%3==0){ mprotect(p,4096,PROT_NONE); mprotect(p,4096,PROT_READ|PROT_WRITE);} else if(i%3==1){ page=0; munmap(p,4096); p=mmap(0,4096,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0); page=p; } else { mprotect(p,4096,PROT_READ); mprotect(p,4096,PROT_READ|PROT_WRITE);} }
 stop=1; for(int i=0;i<3;i++) pthread_join(t[i],0); puts("survived"); return 0; }
