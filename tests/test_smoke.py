import pytest

from tests.factories import make_buyer


@pytest.mark.django_db
def test_the_buyers_list_shows_a_registered_buyer(cast, client_for):
    make_buyer(company="Budapest Beauty Kft", country="HU", platform_level="L3")
    response = client_for(cast.owner).get("/buyers/")
    assert response.status_code == 200
    assert "Budapest Beauty Kft" in response.content.decode()
