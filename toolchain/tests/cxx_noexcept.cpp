// Built with -fno-exceptions -fno-rtti: the library's headers still work.
#include <cstdio>
#include <vector>

int main() {
    std::vector<int> v(3, 2);
    std::printf("%d\n", v[0] + v[2]);
}
