---- MODULE OutOfDomain ----
\* Parses and passes semantic analysis, but evaluating Next applies f outside its domain.
EXTENDS Naturals
VARIABLES f
Init == f = <<1, 2>>
Next == f' = <<f[3]>>
====
