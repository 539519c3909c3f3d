# Fails when clang-format (with the repository's .clang-format) would change
# any of our C++ files.
set(dirs app bench config messages runtime actors io persistence tests)
set(files)
foreach(d IN LISTS dirs)
  file(GLOB_RECURSE found ${SOURCE_DIR}/${d}/*.cpp ${SOURCE_DIR}/${d}/*.hpp)
  list(APPEND files ${found})
endforeach()
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${files}
                WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "clang-format would change the files above; run clang-format -i on them")
endif()
