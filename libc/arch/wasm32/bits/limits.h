/* Linux page size as seen by mmap (the engine maps in 4 KiB pages inside
 * the linear memory), not the 64 KiB wasm page. */
#define PAGESIZE 4096
