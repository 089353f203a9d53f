# Make's language: variables, functions, conditionals, eval, recursion.
.DEFAULT_GOAL := all
list := c b a b d
sorted := $(sort $(list))
words := $(words $(list))
upper = $(shell echo $(1) | tr a-z A-Z)
define tmpl
rule_$(1): ; @echo "generated rule $(1)"
endef
$(foreach n,x y z,$(eval $(call tmpl,$(n))))
ifeq ($(words),5)
cond := five
else
cond := not five
endif

all: rule_x rule_y rule_z
	@echo "sorted=$(sorted) words=$(words) cond=$(cond)"
	@echo "subst=$(subst b,B,$(list)) patsubst=$(patsubst %.c,%.o,a.c b.c) filter-out=$(filter-out b,$(list))"
	@echo "dir=$(dir /a/b/c.txt) notdir=$(notdir /a/b/c.txt) suffix=$(suffix x.tar.gz) basename=$(basename x.tar.gz)"
	@echo "join=$(join a b,1 2) word=$(word 2,$(list)) wordlist=$(wordlist 2,3,$(list)) firstword=$(firstword $(list)) lastword=$(lastword $(list))"
	@echo "shell=$(call upper,hello) origin=$(origin list) flavor=$(flavor upper)"
	@echo "strip=[$(strip   a   b  )] findstring=$(findstring b,abc) addprefix=$(addprefix x/,a b) addsuffix=$(addsuffix .c,a b)"
	@echo "wildcard=$(notdir $(wildcard $(dir $(lastword $(MAKEFILE_LIST)))*.mk)) abspath=$(abspath /a/./b/../c) realpath=$(realpath /)"
	@echo "MAKELEVEL=$(MAKELEVEL) recursive:" && $(MAKE) -f $(lastword $(MAKEFILE_LIST)) --no-print-directory sub
	@$(info info from make) true
	@echo "file function:" $(file >wali-make-file.txt,written) $(file <wali-make-file.txt) $(shell rm -f wali-make-file.txt)
sub:
	@echo "  in sub-make, MAKELEVEL=$(MAKELEVEL)"
