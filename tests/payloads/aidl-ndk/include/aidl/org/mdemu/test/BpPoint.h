#error TODO(b/111362593) defined_types do not have bp classes
