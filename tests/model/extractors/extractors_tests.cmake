# The extractors' test executable (included from tests/model/CMakeLists.txt).
