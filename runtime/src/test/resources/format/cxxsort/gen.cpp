// Prints how libstdc++'s std::sort orders pseudo-random inputs with many ties, one case per line:
// "v1 v2 ... | i1 i2 ..." where i is the original position of each element after sorting by value.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

int main() {
  uint64_t seed = 12345;
  auto next = [&]() { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; return seed >> 33; };
  std::vector<std::pair<int, int>> sizes;  // (n, range of values)
  for (int n = 0; n <= 40; n++) sizes.push_back({n, 3});
  for (int n : {17, 33, 64, 100, 257, 1000}) { sizes.push_back({n, 2}); sizes.push_back({n, 10}); sizes.push_back({n, 1000000}); }
  sizes.push_back({500, 1});
  for (auto [n, range] : sizes) {
    std::vector<std::pair<long, int>> v;
    for (int i = 0; i < n; i++) v.push_back({(long)(next() % range), i});
    for (auto &e : v) printf("%ld ", e.first);
    printf("|");
    std::sort(v.begin(), v.end(), [](auto &a, auto &b) { return a.first < b.first; });
    for (auto &e : v) printf(" %d", e.second);
    printf("\n");
  }
}
