{{ movie_bridge('spoken_languages', 'language_code', 'language_name', 'varchar') }}
