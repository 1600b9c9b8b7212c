# Reference figures for Segmenta's segment stability (src/stability/bootstrapJaccard.ts): R's fpc::clusterboot
# with its default "boot" scheme (resample n rows with replacement, keep each once, re-cluster with k-means,
# clusterwise Jaccard), on the Mall Customers data.
# Run: Rscript scripts/reference/clusterboot.R data/mall_customers.csv > test/fixtures/clusterboot.json
# Needs Debian's r-cran-fpc. Written by hand as JSON so that no other R package is needed.
suppressMessages(library(fpc))
args <- commandArgs(trailingOnly = TRUE)
mall <- read.csv(args[1], check.names = FALSE)
cases <- list(
  list(name = "income_spending_k5", columns = c("Annual Income (k$)", "Spending Score (1-100)"), k = 5),
  list(name = "income_spending_k6", columns = c("Annual Income (k$)", "Spending Score (1-100)"), k = 6),
  list(name = "age_income_spending_k8", columns = c("Age", "Annual Income (k$)", "Spending Score (1-100)"), k = 8)
)
num <- function(v) paste0("[", paste(format(v, digits = 10, scientific = FALSE, trim = TRUE), collapse = ", "), "]")
out <- character(0)
for (case in cases) {
  x <- scale(as.matrix(mall[, case$columns]))
  cb <- clusterboot(x, B = 200, bootmethod = "boot", clustermethod = kmeansCBI, krange = case$k, runs = 20,
                    seed = 20261127, count = FALSE)
  out <- c(out, sprintf('{"name": "%s", "columns": [%s], "k": %d, "B": %d, "partition": %s, "jaccard": %s, "dissolved": %s, "recovered": %s}',
    case$name, paste0('"', case$columns, '"', collapse = ", "), case$k, cb$B, num(cb$partition),
    num(cb$bootmean), num(cb$bootbrd), num(cb$bootrecover)))
}
cat(sprintf('{"source": "R %s, fpc %s: clusterboot(scale(x), B = 200, bootmethod = \\"boot\\", clustermethod = kmeansCBI, krange = k, runs = 20, seed = 20261127)",\n "cases": [\n%s\n]}\n',
  paste(R.version$major, R.version$minor, sep = "."), packageVersion("fpc"), paste(out, collapse = ",\n")))
