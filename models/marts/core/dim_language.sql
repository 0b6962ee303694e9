{{ entity_dimension('spoken_languages', 'language_code', 'language_name', 'varchar') }}
