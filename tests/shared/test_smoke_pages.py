def test_start_page_renders(client):
    page = client.page("/")
    assert page.status_code == 200
    assert page.h1 == "Make a complaint"
