"""What every browser test needs: Debian's Chromium found or the test skipped,
the sandbox and `host-sim serve` on free 127.0.0.1 ports over a SQLite
reference ERP, a headless driver, screenshots of each step, and everything
stopped at the end with the logs shown on failure."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

SKIP = 77


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, what, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port}")


def chromium_missing():
    """None when chromium, its driver and selenium are here, else why not."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    try:
        import selenium  # noqa: F401
    except ImportError:
        driver = None
    if browser and driver:
        return None
    return "chromium, chromium-driver or python3-selenium is not installed"


def skip_or_fail(why):
    if os.environ.get("JODO_REQUIRE_BROWSER"):
        print(f"FAILED: {why} (JODO_REQUIRE_BROWSER is set)")
        return 1
    print(f"SKIPPED: {why}; apt-get install chromium chromium-driver python3-selenium")
    return SKIP


class Rig:
    """The ERP host and Jodo's sandbox, and a browser looking at the host."""

    def __init__(self, bin_dir, artifacts, merchant="Green Valley School", host_extra=""):
        self.bin_dir = bin_dir
        self.artifacts = artifacts
        os.makedirs(artifacts, exist_ok=True)
        for old in os.listdir(artifacts):
            if old.endswith(".png"):
                os.remove(os.path.join(artifacts, old))
        self.work = tempfile.mkdtemp(prefix="jodo-browser-")
        self.host_port, self.sandbox_port = free_port(), free_port()
        self.secret = "browser-test-secret"
        self.merchant = merchant
        self.database = os.path.join(self.work, "erp.db")
        self.config = os.path.join(self.work, "host.ini")
        with open(self.config, "w") as f:
            f.write(f"""[host]
database = Driver=SQLite3;Database={self.database};Timeout=10000;
http_port = {self.host_port}
log_file = {self.work}/host-sim.log
{host_extra}
[jodo]
base_url = http://127.0.0.1:{self.sandbox_port}
api_key = sandbox_key
api_secret = sandbox_secret
callback_url = http://127.0.0.1:{self.host_port}/erp/payment-return
webhook.secret = {self.secret}
""")
        self.processes = []
        self.driver = None
        self.step = 0
        self.base = f"http://127.0.0.1:{self.host_port}"
        self.sandbox = f"http://127.0.0.1:{self.sandbox_port}"

    def host_sim(self, *args, timeout=600):
        subprocess.run([os.path.join(self.bin_dir, "host-sim"), *args, "--config", self.config],
                       check=True, timeout=timeout)

    def start(self):
        sandbox = subprocess.Popen(
            [os.path.join(self.bin_dir, "jodo-sandbox"), "--port", str(self.sandbox_port),
             "--merchant", self.merchant,
             "--webhook-url", f"{self.base}/webhooks/jodo", "--webhook-secret", self.secret],
            stdout=open(os.path.join(self.work, "sandbox.log"), "w"), stderr=subprocess.STDOUT)
        self.processes.append(sandbox)
        wait_for_port(self.sandbox_port, sandbox, "jodo-sandbox")

    def serve(self):
        serve = subprocess.Popen(
            [os.path.join(self.bin_dir, "host-sim"), "serve", "--config", self.config],
            stdout=open(os.path.join(self.work, "serve.log"), "w"), stderr=subprocess.STDOUT)
        self.processes.append(serve)
        wait_for_port(self.host_port, serve, "host-sim serve")

    def browser(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for arg in ("--no-sandbox", "--headless=new", "--disable-gpu",
                    "--disable-dev-shm-usage", "--window-size=1280,1000"):
            options.add_argument(arg)
        self.driver = webdriver.Chrome(service=Service(driver), options=options)
        self.driver.set_page_load_timeout(60)
        return self.driver

    def shot(self, name):
        self.step += 1
        path = os.path.join(self.artifacts, f"{self.step:02d}-{name}.png")
        self.driver.save_screenshot(path)
        print(f"screenshot {path}")

    def report_failure(self, error):
        print(f"FAILED: {type(error).__name__}: {error}")
        if self.driver is not None:
            try:
                from selenium.webdriver.common.by import By
                self.driver.save_screenshot(os.path.join(self.artifacts, "failure.png"))
                print("page at failure:", self.driver.current_url)
                print(self.driver.find_element(By.TAG_NAME, "body").text[:2000])
            except Exception:
                pass
        for log in ("serve.log", "sandbox.log", "host-sim.log"):
            path = os.path.join(self.work, log)
            if os.path.exists(path):
                print(f"--- {log}\n" + open(path, errors="replace").read()[-3000:])

    def stop(self):
        if self.driver is not None:
            self.driver.quit()
        for p in self.processes:
            p.terminate()
        for p in self.processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(self.work, ignore_errors=True)
