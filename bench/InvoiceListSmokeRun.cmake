# cmake -DBENCH=<invoice-list-bench> -DWORKDIR=<dir> -P InvoiceListSmokeRun.cmake
# Tiny counts: asserts only that it ran and printed every figure line (no timing).
execute_process(
  COMMAND ${BENCH} --invoices 300 --runs 1 --workdir ${WORKDIR}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "invoice-list-bench exited with ${rc}")
endif()
foreach(name sample_init list_page1 list_search_name list_search_id list_filter list_needs
             list_sort_amount list_deep_page list_deep_sorted baseline_all_rows)
  string(REGEX MATCH "\nfigure ${name} " found "\n${out}")
  if(NOT found)
    message(FATAL_ERROR "invoice-list-bench printed no figure line ${name}")
  endif()
endforeach()
