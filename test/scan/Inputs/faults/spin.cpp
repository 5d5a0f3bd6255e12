// Stands for a unit that never finishes: each constant evaluation runs for at least seconds,
// together for many minutes.
constexpr long spin(long Seed) {
  long X = Seed;
  for (long I = 0; I < 4000000000L; ++I)
    X += I & 3;
  return X;
}
constexpr long A = spin(1), B = spin(2), C = spin(3), D = spin(4), E = spin(5), F = spin(6);
