# The git revision, recorded in every output file's provenance and printed by --version and
# `firestorm bench`. Read at every build, not only at configure time, so that a build after
# `git pull` does not record the old revision: a target rewrites generated/git_revision.h when
# (and only when) the revision changed.
set(FIRESTORM_REVISION_HEADER ${PROJECT_BINARY_DIR}/generated/git_revision.h)
add_custom_target(firestorm_git_revision
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUT=${FIRESTORM_REVISION_HEADER}
          -P ${PROJECT_SOURCE_DIR}/cmake/write_git_revision.cmake
  BYPRODUCTS ${FIRESTORM_REVISION_HEADER}
  COMMENT "Reading the git revision")
add_library(firestorm_revision INTERFACE)
target_include_directories(firestorm_revision INTERFACE ${PROJECT_BINARY_DIR}/generated)
add_dependencies(firestorm_revision firestorm_git_revision)
