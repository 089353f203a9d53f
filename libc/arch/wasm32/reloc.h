/* There is no dynamic linker for wasm32; these only let the shared
 * ldso headers compile. */
#define LDSO_ARCH "wasm32"

#define CRTJMP(pc,sp) __builtin_trap()
#define GETFUNCSYM(fp, sym, got) (*(fp) = (void *)(sym))
