#!/usr/bin/env bash
# Times a 90-day report over ~3 million generated tickets (embedded PostgreSQL, test settings).
# Run from the project root after `mvn -B -DskipTests install`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" hallq.bench.ReportBenchmark
