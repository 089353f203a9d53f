# Small programs: word frequencies, a stack calculator, sorting, recursion,
# string processing, large expansions.
text="the quick brown fox jumps over the lazy dog the fox barks and the dog runs"
declare -A freq
for w in $text; do ((freq[$w]++)); done
for w in "${!freq[@]}"; do echo "${freq[$w]} $w"; done | sort -k1,1nr -k2 | head -5
# reverse polish calculator
rpn() {
  local -a st=(); local tok a b
  for tok in $1; do
    case $tok in
      [0-9]*) st+=("$tok") ;;
      +|-|x|/) b=${st[-1]}; unset 'st[-1]'; a=${st[-1]}; unset 'st[-1]'
               case $tok in +) st+=($((a + b)));; -) st+=($((a - b)));; x) st+=($((a * b)));; /) st+=($((a / b)));; esac ;;
    esac
  done
  echo "${st[0]}"
}
rpn "3 4 + 2 x 7 /"; rpn "100 5 / 3 - 2 x"
# bubble sort on an array
a=(64 34 25 12 22 11 90 5)
n=${#a[@]}
for ((i = 0; i < n; i++)); do for ((j = 0; j < n - i - 1; j++)); do
  if (( a[j] > a[j+1] )); then t=${a[j]}; a[j]=${a[j+1]}; a[j+1]=$t; fi
done; done
echo "sorted: ${a[*]}"
# towers of hanoi
moves=0; hanoi() { (( $1 == 0 )) && return; hanoi $(($1 - 1)) $2 $4 $3; ((moves++)); hanoi $(($1 - 1)) $4 $3 $2; }
hanoi 10 A B C; echo "hanoi 10: $moves moves"
# primes by trial division
primes=()
for ((p = 2; ${#primes[@]} < 50; p++)); do
  isp=1
  for q in "${primes[@]}"; do (( q * q > p )) && break; (( p % q == 0 )) && { isp=0; break; }; done
  (( isp )) && primes+=($p)
done
echo "50th prime: ${primes[49]}"
# caesar cipher, palindromes, reversal
caesar() {
  local s=$1 k=$2 out= c i o
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}; printf -v o '%d' "'$c"
    if [[ $c == [a-z] ]]; then printf -v c "\\$(printf '%03o' $(( (o - 97 + k) % 26 + 97 )))"; fi
    out+=$c
  done
  echo "$out"
}
enc=$(caesar "hello world" 3); echo "$enc $(caesar "$enc" 23)"
rev() { local s=$1 r= i; for ((i = ${#s} - 1; i >= 0; i--)); do r+=${s:i:1}; done; echo "$r"; }
for w in level rotor hello racecar; do [[ $(rev $w) == "$w" ]] && echo "$w is a palindrome"; done
# CSV processing with IFS
csv=$'id,name,score\n1,alice,90\n2,bob,72\n3,carol,85'
total=0
while IFS=, read -r id nm sc; do [[ $id == id ]] && continue; total=$((total + sc)); echo "$nm:$sc"; done <<< "$csv"
echo "total $total avg $((total / 3))"
# string building and large expansions
s=""; for i in {1..2000}; do s+="$i,"; done; echo "${#s} ${s:0:20} ${s: -10}"
big=$(seq 1 20000 | tr '\n' ' '); set -- $big; echo "positional params: $#, last ${!#}"
# collatz lengths
maxl=0
for ((s = 1; s < 300; s++)); do n=$s l=1; while ((n != 1)); do ((n = n % 2 ? 3 * n + 1 : n / 2, l++)); done; ((l > maxl)) && ((maxl = l, arg = s)); done
echo "collatz $arg $maxl"
# eval, indirection, namerefs
for i in 1 2 3; do eval "var_$i=\$((i * i))"; done; echo "$var_1 $var_2 $var_3"
name=var_2; echo "${!name}"; declare -n nref=var_3; nref=99; echo "$var_3"
# a here-document generating a script that is sourced
tmpf=$(mktemp); cat > "$tmpf" <<'SCRIPT'
sourced_fn() { echo "sourced with $# args: $*"; }
SOURCED_VAR=from-source
SCRIPT
source "$tmpf" one two; sourced_fn a b c; echo "$SOURCED_VAR"; rm -f "$tmpf"
# printf table
for row in "apple 3 0.5" "banana 12 0.25" "cherry 100 2"; do set -- $row; printf '%-8s %4d %6.2f\n' "$1" "$2" "$3"; done
