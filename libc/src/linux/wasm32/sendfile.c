#include <sys/sendfile.h>
#include <unistd.h>
#include "syscall.h"

/* SYS_sendfile has no signature in the WALI interface: copy through a
 * buffer with read (or pread at *ofs) and write. Like the kernel, it may
 * transfer fewer bytes than asked; in_fd's offset (or *ofs) only advances
 * by what was written. */
ssize_t sendfile(int out_fd, int in_fd, off_t *ofs, size_t count)
{
	char buf[8192];
	off_t pos = ofs ? *ofs : 0;
	size_t done = 0;
	long err = 0;

	while (done < count) {
		size_t n = count - done < sizeof buf ? count - done : sizeof buf;
		long r = ofs ? __syscall(SYS_pread64, in_fd, buf, n, pos)
		             : __syscall(SYS_read, in_fd, buf, n);
		if (r <= 0) {
			err = r;
			break;
		}
		long w = 0;
		while (w < r) {
			long k = __syscall(SYS_write, out_fd, buf + w, r - w);
			if (k <= 0) {
				err = k ? k : -EIO;
				break;
			}
			w += k;
		}
		done += w;
		pos += w;
		if (w < r) {
			/* Give back what was read but not written. */
			if (!ofs) __syscall(SYS_lseek, in_fd, (off_t)(w - r), SEEK_CUR);
			break;
		}
		if ((size_t)r < n) break;
	}
	if (ofs) *ofs = pos;
	if (!done && err < 0) return __syscall_ret(err);
	return done;
}

weak_alias(sendfile, sendfile64);
