# The git revision, recorded in every output file's provenance.
execute_process(COMMAND git rev-parse --short=12 HEAD
                WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                OUTPUT_VARIABLE FIRESTORM_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET RESULT_VARIABLE _git_result)
if(NOT _git_result EQUAL 0 OR FIRESTORM_GIT_REVISION STREQUAL "")
  set(FIRESTORM_GIT_REVISION "unknown")
endif()
