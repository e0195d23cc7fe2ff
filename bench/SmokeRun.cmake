# cmake -DBENCH=<connector-bench> -DWORKDIR=<dir> -P SmokeRun.cmake
execute_process(
  COMMAND ${BENCH} --invoices 20 --events 50 --clients 8 --reconcile 20 --baseline-s 1
          --latency-ms 1 --workdir ${WORKDIR}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "connector-bench exited with ${rc}")
endif()
foreach(name baseline_durable baseline_python baseline raw_capacity start_sqlite collect_sqlite reconcile_sqlite
             webhooks_sqlite reconcile_run_sqlite reconcile_memory_sqlite start_postgresql collect_postgresql reconcile_postgresql
             webhooks_postgresql reconcile_run_postgresql
             reconcile_memory_postgresql)
  string(REGEX MATCH "\nfigure ${name} " found "\n${out}")
  if(NOT found)
    message(FATAL_ERROR "connector-bench printed no figure line ${name}")
  endif()
endforeach()
# python3 is installed by scripts/install-deps.sh: the issue's baselines must
# have been measured, not skipped.
foreach(name baseline_durable baseline_python)
  string(REGEX MATCH "\nfigure ${name} +[^\n]* skipped: [^\n]*" skipped "\n${out}")
  if(skipped)
    string(STRIP "${skipped}" skipped)
    message(FATAL_ERROR "connector-bench did not measure ${name}: ${skipped}")
  endif()
endforeach()
