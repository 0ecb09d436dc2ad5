import os

try:
    from hypothesis import HealthCheck, settings
except ModuleNotFoundError:  # .ci/run also runs the core's tests without any optional extra
    settings = None

if settings is not None:
    # The machine is shared and noisy: no per-example deadline. "thorough" for a longer local run.
    settings.register_profile(
        "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
    )
    settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=2000)
    # The fuzz campaign (tests/test_fuzz.py scales each test's share by max_examples / 100, so a
    # test worth 100 cases by default runs 100,000): random each run, every health check that
    # speaks of slow or large inputs off, since slow, large inputs are the point.
    # GOVINFO_FUZZ_EXAMPLES sets a shorter or longer campaign.
    settings.register_profile(
        "fuzz",
        parent=settings.get_profile("default"),
        max_examples=int(os.environ.get("GOVINFO_FUZZ_EXAMPLES", "100000")),
        derandomize=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
