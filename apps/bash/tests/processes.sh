# Pipes, subshells, command substitution, redirections, traps, jobs.
T=${1:?temp dir}
cd "$T" || exit 1
# pipes and pipelines
seq 1 100 | grep 7 | sort -r | head -3 | tr '\n' ' '; echo
printf '%s\n' c a b | sort | paste -sd, -
echo "abc" | { read -r v; echo "in group: $v"; }
false | true | false; echo "PIPESTATUS ${PIPESTATUS[*]}"
seq 1 100000 | head -2; echo "writer into closed pipe: ${PIPESTATUS[*]}"
yes | head -c 5 | wc -c
# subshells and command substitution
x=outer; (x=inner; echo "sub $x"); echo "parent $x"
echo "nested $(echo "a $(echo "b $(echo c)")")" "backticks `echo old style`"
count=$(ls / | wc -l); (( count > 5 )) && echo "many entries in /"
lines=$(printf 'x\n\n\n'); echo "trailing newlines stripped: ${#lines}"
echo "$(exit 3)" ; echo "status from cmdsub $?"
v=$(exit 4); echo "status of assignment from cmdsub $?"
( exit 42 ); echo "subshell status $?"
[[ $BASHPID == $$ ]] && echo "BASHPID == \$\$ in main"; ( [[ $BASHPID != $$ ]] && echo "BASHPID differs in subshell" )
# redirections
echo first > out.txt; echo second >> out.txt; cat < out.txt
{ echo to-stdout; echo to-stderr >&2; } > both.txt 2>&1; sort both.txt
ls /nonexistent 2> err.txt; [[ -s err.txt ]] && echo "stderr captured"
exec 3> fd3.txt; echo "via fd 3" >&3; exec 3>&-; cat fd3.txt
exec 4< out.txt; read -r l1 <&4; read -r l2 <&4; exec 4<&-; echo "$l1 $l2"
exec {dyn}> dyn.txt; echo "dynamic fd" >&$dyn; exec {dyn}>&-; cat dyn.txt
echo data > rw.txt; exec 5<> rw.txt; read -r d <&5; echo " more" >&5; exec 5>&-; cat rw.txt
cat <<END
here-doc with $x and $(echo subst)
	tab kept
END
cat <<-'END'
	literal $x, tabs stripped
	END
cat <<< "here-string $x"
wc -l < <(seq 1 10) ; diff <(echo same) <(echo same) && echo "process substitution"
tee tee.txt <<< "tee'd" > /dev/null; cat tee.txt
echo noclobber > nc.txt; set -C; { echo x > nc.txt; } 2>/dev/null || echo "noclobber works"; set +C
: > empty.txt; [[ -e empty.txt && ! -s empty.txt ]] && echo "truncated"
# traps
trap 'echo "caught USR1"' USR1; kill -USR1 $$; echo "after USR1"
trap 'echo "caught INT"' INT; kill -INT $$; trap - INT
( trap 'echo "subshell TERM"; exit 5' TERM; kill -TERM $BASHPID; echo "not reached" ); echo "subshell exit $?"
f() { trap 'echo "RETURN trap"' RETURN; echo "in f"; }; f; trap - RETURN
( trap 'echo "ERR trap: $? at cmd"' ERR; false; true )
trap 'echo "caught HUP"' HUP; kill -HUP $$; trap - HUP
trap '' USR2; kill -USR2 $$; echo "ignored USR2"; trap - USR2
trap 'echo "EXIT trap runs"' EXIT; trap -p EXIT; trap - EXIT
# jobs
sleep 0.2 & p=$!; wait $p; echo "wait status $?"
( exit 7 ) & wait $!; echo "background status $?"
sleep 10 & kill %1; wait %1; echo "killed job status $?"
sleep 10 & kill -9 $!; wait $! 2>/dev/null; echo "SIGKILL status $?"
for i in 1 2 3; do ( sleep 0.$i; echo "job $i done" ) & done; wait; echo "all jobs done"
( sleep 0.3; exit 3 ) & ( sleep 0.1; exit 4 ) & wait -n; echo "wait -n first status $?"; wait
sleep 0.1 & jobs -p | wc -l; wait
sleep 5 & kill -STOP $!; kill -CONT $!; kill $!; wait $!; echo "stopped, continued, killed: $?"
# coprocess
coproc BC { while read -r l; do echo $(( l * 2 )); done; }
echo 21 >&"${BC[1]}"; read -r ans <&"${BC[0]}"; echo "coproc says $ans"
exec {BC[1]}>&-; wait $BC_PID 2>/dev/null; echo "coproc finished"
# exec in a subshell, command lookup
( exec echo "exec replaced the subshell" ); echo "after exec subshell"
command -v ls >/dev/null && echo "command -v ls"; type -t cd; type -t nosuchfunc 2>/dev/null || echo "no nosuchfunc"
nosuchcommand_xyz 2>/dev/null; echo "command not found: $?"
hash -r; echo "hash cleared"
# environment to children
FOO=bar sh -c 'echo "child sees FOO=$FOO"'; export EXPORTED=yes; sh -c 'echo "exported $EXPORTED"'
env -i PATH=/usr/bin:/bin sh -c 'echo "env -i: ${EXPORTED:-unset}"'
# umask, cd, pwd, file tests
umask 027; touch perm.txt; stat -c %a perm.txt; umask 022
mkdir -p a/b/c; cd a/b/c; pwd | sed "s|$T|TMP|"; cd - >/dev/null; pwd | sed "s|$T|TMP|"
pushd a >/dev/null; pushd b >/dev/null; dirs | sed "s|$T|TMP|g"; popd >/dev/null; popd >/dev/null
touch f1 f2 f3; echo f*; shopt -s nullglob; echo nomatch*; shopt -u nullglob; echo nomatch*
shopt -s extglob
echo f@(1|3); shopt -s globstar; echo a/**/ | tr ' ' '\n' | sort | tr '\n' ' '; echo
ln -s out.txt link; [[ -L link && -f link && -r out.txt && -w out.txt && -d a && ! -x out.txt ]] && echo "file tests"
[[ out.txt -nt /etc/hostname ]] && echo "newer than"
# ulimit
ulimit -n >/dev/null && echo "ulimit -n ok"; (ulimit -c 0; ulimit -c)
# exit statuses of children
sh -c 'kill -TERM $$'; echo "child killed by TERM: $?"
sh -c 'exit 200'; echo "exit 200: $?"
timeout 0.2 sleep 5; echo "timeout status $?"
trap 'echo "EXIT trap runs"' EXIT
echo "end"
