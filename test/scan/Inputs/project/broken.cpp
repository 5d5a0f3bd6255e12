void broken() { undeclaredFunction(); }
