# Sources of the signal extractors, added to ugc_model.
target_sources(ugc_model PRIVATE
)
