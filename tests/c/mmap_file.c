// File-backed mmap: MAP_PRIVATE copy-on-write, MAP_SHARED writes + msync seen by read(), write() seen by the mapping, offsets.
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

int main(void) {
    char dir[] = "/tmp/corpus-mmapf-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) return 1;
    long pg = sysconf(_SC_PAGESIZE);
    size_t len = (size_t)pg * 4;
    int fd = open("data", O_CREAT | O_RDWR | O_TRUNC, 0644);
    char *content = malloc(len);
    for (size_t i = 0; i < len; i++) content[i] = (char)('a' + i % 26);
    write(fd, content, len);

    char *pr = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("private map ok=%d first=[%.10s]\n", pr != MAP_FAILED, pr);
    memcpy(pr, "PRIVATE!", 8);
    char buf[16] = {0};
    pread(fd, buf, 8, 0);
    printf("file unchanged by private write: [%s] map=[%.8s]\n", buf, pr);
    munmap(pr, len);

    char *sh = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("shared map ok=%d\n", sh != MAP_FAILED);
    memcpy(sh + 100, "SHARED-WRITE", 12);
    memcpy(sh + len - 4, "TAIL", 4);
    printf("msync=%d\n", msync(sh, len, MS_SYNC));
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 12, 100);
    printf("read() sees shared write: [%s]\n", buf);
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 4, (off_t)len - 4);
    printf("tail: [%s]\n", buf);
    pwrite(fd, "FROM-WRITE", 10, 200);
    printf("mapping sees write(): [%.10s]\n", sh + 200);
    /* a second shared mapping of the same file sees the same bytes */
    char *sh2 = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
    printf("second mapping agrees: %d\n", memcmp(sh, sh2, len) == 0);
    munmap(sh2, len);
    munmap(sh, len);

    /* mapping at a page-aligned offset */
    char *off = mmap(NULL, (size_t)pg, PROT_READ, MAP_SHARED, fd, pg * 2);
    printf("offset map ok=%d first=%c expected=%c\n", off != MAP_FAILED, off[0], (char)('a' + (pg * 2) % 26));
    munmap(off, (size_t)pg);

    /* a file mapped past its end within the last page reads zeros */
    int small = open("small", O_CREAT | O_RDWR | O_TRUNC, 0644);
    write(small, "tiny", 4);
    char *sm = mmap(NULL, (size_t)pg, PROT_READ, MAP_PRIVATE, small, 0);
    printf("small file map: [%.4s] zero after end: %d\n", sm, sm[4] == 0 && sm[pg - 1] == 0);
    munmap(sm, (size_t)pg);
    close(small);

    /* extend the file with ftruncate, then map the new region shared and write it */
    ftruncate(fd, (off_t)len * 2);
    char *ext = mmap(NULL, len * 2, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memset(ext + len, 'Z', len);
    msync(ext, len * 2, MS_SYNC);
    munmap(ext, len * 2);
    struct stat st;
    fstat(fd, &st);
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 3, (off_t)len + 5);
    printf("size=%ld extended region=[%s]\n", (long)(st.st_size / pg), buf);
    close(fd);

    /* a mapping stays valid after the fd is closed */
    fd = open("data", O_RDONLY);
    char *ro = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    printf("after close: [%.12s]\n", ro + 100);
    munmap(ro, len);
    unlink("data");
    unlink("small");
    chdir("/");
    printf("rmdir=%d\n", rmdir(dir));
    free(content);
    return 0;
}
