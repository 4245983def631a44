# The two commands a fresh machine needs:
#   make demo   run the seed walkthrough (playbooks/tour.yml) against the bundled ASM emulator
#   make test   sanity, units, emulator tests, integration against the emulator, packaging, lint
.PHONY: test demo venv sanity units emulator-tests integration package lint clean

test:
	tools/test.sh

demo:
	tools/demo.sh

venv:
	tools/venv.sh

sanity:
	tools/test.sh sanity

units:
	tools/test.sh units

emulator-tests:
	tools/test.sh emulator

integration:
	tools/test.sh integration

package:
	tools/test.sh package

lint:
	tools/test.sh lint

clean:
	rm -rf .venv .demo tests/output
