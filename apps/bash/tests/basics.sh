# Variables, quoting, expansions, arithmetic, arrays, control flow, functions.
name="World"; empty=""; unset unset_var
echo "Hello, $name" 'single $name' "escaped \$name" $'ansi\tC\x41'
echo "${name}" "${#name}" "${name:1:3}" "${name: -3}" "${name^^}" "${name,,}" "${name~}"
echo "${unset_var:-default}" "${empty:-dflt}" "${empty-set-but-empty}" "${unset_var:+alt}" "${name:+alt}"
: "${assigned:=now-set}"; echo "$assigned"
path=/usr/local/lib/libfoo.so.1.2
echo "${path#*/}" "${path##*/}" "${path%.*}" "${path%%.*}" "${path/lib/LIB}" "${path//lib/LIB}" "${path/#\/usr/ROOT}" "${path/%2/TWO}"
v=abcabc; echo "${v/b}" "${v//[ac]/X}" "${v@Q}" "${v@U}"
ref=name; echo "${!ref}" "${!na*}"
( echo "${unset_var?is unset}" ) 2>&1 | sed 's/^.*line [0-9]*: //'
# arithmetic
echo $((7 / 2)) $((7 % 3)) $((-7 / 2)) $((2 ** 10)) $((1 << 40)) $((0x1F)) $((8#17)) $((2#1010)) $((36#zz))
x=5; ((x += 3, x *= 2)); echo "$x" $((x > 10 ? 1 : 0)) $((x++)) $x $((--x))
let "y = x * 2" "z = y % 7"; echo $y $z
echo $(( (3 + 4) * (5 - 2) / 3 )) $((9223372036854775807 + 1)) $((-9223372036854775807 - 1))
(( 0 )); echo "status of (( 0 )): $?"
# arrays
arr=(one two "three four" five)
echo "${#arr[@]}" "${arr[2]}" "${arr[@]:1:2}" "${!arr[@]}" "${arr[-1]}"
arr+=(six); arr[10]=ten; unset 'arr[1]'
echo "${#arr[@]}" "${!arr[@]}"
for e in "${arr[@]}"; do printf '[%s]' "$e"; done; echo
declare -A assoc=([apple]=red [banana]=yellow [cherry]="dark red")
assoc[date]=brown
for k in $(printf '%s\n' "${!assoc[@]}" | sort); do echo "$k=${assoc[$k]}"; done
echo "${#assoc[@]}" "${assoc[cherry]}" "${assoc[nope]:-none}"
unset 'assoc[apple]'; echo "${#assoc[@]}"
declare -a copy=("${arr[@]}"); echo "${copy[*]}"
IFS=, read -r -a parts <<< "a,b,,d"; echo "${#parts[@]}" "${parts[3]}"
mapfile -t lines < <(printf 'l1\nl2\nl3\n'); echo "${#lines[@]}" "${lines[1]}"
# brace expansion, sequences
echo {a,b,c}{1,2} {1..5} {05..10..2} {z..u} x{,y}z
# conditionals
s=hello
[[ $s == h* ]] && echo "glob match"
[[ $s =~ ^h(el)(lo)$ ]] && echo "regex ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
[[ -z $empty && -n $s ]] && echo "z/n"
[ "$s" = hello ] && [ 3 -lt 5 ] && [ ! -e /nonexistent ] && echo "test ok"
[[ 10 -gt 9 && "10" < "9" ]] && echo "numeric vs string"
case "$path" in *.so.*) echo "shared object" ;; *) echo other ;; esac
case x in [a-w]) echo low ;; [x-z]) echo high ;& y) echo fallthrough ;; esac
# loops
for ((i = 0; i < 5; i++)); do printf '%d ' $i; done; echo
n=0; while (( n < 3 )); do ((n++)); done; echo "while $n"
until [[ $n -eq 0 ]]; do ((n--)); done; echo "until $n"
for w in a b c d e; do [[ $w == b ]] && continue; [[ $w == d ]] && break; printf '%s' "$w"; done; echo
for i in 1 2; do for j in 1 2 3; do (( j == 2 )) && continue 2; echo "$i$j"; done; done
select_out=$(echo 2 | { select c in red green blue; do echo "chose $c"; break; done; } 2>/dev/null); echo "$select_out"
# functions
fact() { local n=$1; (( n <= 1 )) && { echo 1; return; }; echo $(( n * $(fact $((n - 1))) )); }
echo "fact 10 = $(fact 10)"
fib() { local a=0 b=1 i; for ((i = 0; i < $1; i++)); do ((b = a + b, a = b - a)); done; echo $a; }
echo "fib 90 = $(fib 90)"
counter=0; inc() { ((counter++)); return 7; }; inc; echo "ret $? counter $counter"
outer() { local v=outer; inner; echo "after inner: $v"; }; inner() { v=changed-by-inner; }; outer
args() { echo "$# [$1] [$2] [$*] [$@]"; shift; echo "after shift: $#"; }; args "a b" c "d  e"
recurse() { (( $1 == 0 )) && return 0; recurse $(( $1 - 1 )); }; recurse 200 && echo "recursion ok"
declare -f fact | head -1
# printf
printf '%s|%5s|%-5s|%05d|%x|%o|%e|%.3f|%c|%%|%b\n' str r l 42 255 8 12345.678 3.14159 xyz 'a\tb'
printf -v formatted '%03d-%s' 7 x; echo "$formatted"
printf '%s\n' "${arr[@]:0:2}"
printf '%q\n' "needs 'quoting' \$here"
# read
read -r a b rest <<< "one two three four"; echo "$a/$b/$rest"
while IFS=: read -r user _ uid _; do echo "$user:$uid"; done <<< $'root:x:0:0\ndaemon:x:1:1'
# set options
set -u; ( echo "$undefined_var" ) 2>/dev/null || echo "nounset caught"; set +u
( set -e; false; echo "not reached" ) || echo "errexit caught"
set -o pipefail; false | true; echo "pipefail $?"; set +o pipefail; false | true; echo "no pipefail $?"
# getopts
parse() { local OPTIND opt; while getopts "ab:c" opt; do case $opt in a) echo "-a";; b) echo "-b $OPTARG";; c) echo "-c";; ?) echo "bad";; esac; done; shift $((OPTIND - 1)); echo "rest: $*"; }
parse -a -b val -c file1 file2
parse -x 2>/dev/null
# declare / typeset
declare -i num=5; num+=10; echo "$num"
declare -u upper=hello; declare -l lower=WORLD; echo "$upper $lower"
declare -r ro=1; ( ro=2 ) 2>/dev/null || echo "readonly"
declare -p num upper
RANDOM=42; r1=$RANDOM; RANDOM=42; r2=$RANDOM; [[ $r1 == $r2 ]] && echo "seeded RANDOM repeats"
echo "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"
