/* search.h (bionic), for mdemu's test sysroot. */
#pragma once
#include "stddef_ext.h"
typedef enum { FIND, ENTER } ACTION;
typedef struct entry { char* key; void* data; } ENTRY;
typedef enum { preorder, postorder, endorder, leaf } VISIT;
struct hsearch_data { struct __hsearch* __hsearch; };
void insque(void* element, void* previous);
void remque(void* element);
int hcreate(size_t n);
void hdestroy(void);
ENTRY* hsearch(ENTRY entry, ACTION action);
int hcreate_r(size_t n, struct hsearch_data* table);
void hdestroy_r(struct hsearch_data* table);
int hsearch_r(ENTRY entry, ACTION action, ENTRY** result, struct hsearch_data* table);
void* lfind(const void* key, const void* array, size_t* count, size_t size, int (*compare)(const void*, const void*));
void* lsearch(const void* key, void* array, size_t* count, size_t size, int (*compare)(const void*, const void*));
void* tdelete(const void* key, void** root, int (*compare)(const void*, const void*));
void tdestroy(void* root, void (*free_node)(void*));
void* tfind(const void* key, void* const* root, int (*compare)(const void*, const void*));
void* tsearch(const void* key, void** root, int (*compare)(const void*, const void*));
void twalk(const void* root, void (*visitor)(const void*, VISIT, int));
