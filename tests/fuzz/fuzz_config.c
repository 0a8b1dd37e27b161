/* fuzz_config.c - the configuration loader on any text */
#include "hl/config.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct hl_config cfg;
	struct hl_buf err = {0};
	if (hl_config_load_text("fuzz.yaml", (const char *)data, size, &cfg, &err) == 0)
		hl_config_free(&cfg);
	hl_buf_free(&err);
	return 0;
}
