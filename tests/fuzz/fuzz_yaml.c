/* fuzz_yaml.c - the YAML record reader on any bytes after a document start */
#include "readall.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	read_with("---\n", data, size);
	return 0;
}
